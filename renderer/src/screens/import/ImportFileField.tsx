import { useId, useRef } from 'react';

interface ImportFileFieldProps {
  label: string;
  button: string;
  hint: string;
  chosen: string;
  isDisabled?: boolean;
  onFile(file: File): void;
}

/**
 * The system's file chooser, as a labelled field: the real file input stays in the page (keyboard,
 * screen readers and tests reach it) but is drawn as the app's button, with the chosen file beside it.
 */
export function ImportFileField({ label, button, hint, chosen, isDisabled, onFile }: ImportFileFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="field im-file-field">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <span className="field-description" id={`${id}-hint`}>
        {hint}
      </span>
      <div className="im-file-row">
        <label className="button button-secondary im-file-button" htmlFor={id}>
          {button}
          <input
            ref={input}
            id={id}
            type="file"
            className="visually-hidden"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-labelledby={`${id}-label`}
            aria-describedby={`${id}-hint ${id}-chosen`}
            disabled={isDisabled}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              // Cleared, so choosing the same file again (after fixing it) is seen as a new choice.
              e.currentTarget.value = '';
              if (f) onFile(f);
            }}
          />
        </label>
        <span className="im-file-chosen" id={`${id}-chosen`}>
          {chosen}
        </span>
      </div>
    </div>
  );
}
