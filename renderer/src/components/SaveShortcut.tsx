import type { ReactNode, RefObject } from 'react';

/** Ctrl+Enter, or Cmd+Enter on a Mac: saves the form being filled in, from any field in it. */
export function isSaveShortcut(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'key'>): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}

/** The shortcut as the keyboard in front of the person shows it. */
export function saveShortcutLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘ Enter' : 'Ctrl+Enter';
}

/** For the save button: `aria-keyshortcuts` names both, as either works. */
export const SAVE_KEYSHORTCUTS = 'Control+Enter Meta+Enter';

interface SaveShortcutProps {
  formRef: RefObject<HTMLFormElement | null>;
  className?: string;
  children: ReactNode;
}

/**
 * Ctrl/Cmd+Enter from any field submits the form, exactly as its save button does. The key is caught
 * on the way down (react-aria controls stop keys bubbling). A number typed but not yet left is
 * committed first, by leaving and re-entering its field, so what is saved is what is on screen.
 */
export function SaveShortcut({ formRef, className, children }: SaveShortcutProps) {
  return (
    <div
      className={className}
      onKeyDownCapture={(e) => {
        if (!isSaveShortcut(e)) return;
        e.preventDefault();
        e.stopPropagation();
        const form = formRef.current;
        const active = document.activeElement;
        if (form && active instanceof HTMLInputElement && form.contains(active)) {
          active.blur();
          active.focus();
        }
        // After React has applied what leaving the field changed; the form's own submit does the rest.
        setTimeout(() => formRef.current?.requestSubmit(), 0);
      }}
    >
      {children}
    </div>
  );
}
