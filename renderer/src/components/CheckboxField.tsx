import type { ReactNode } from 'react';
import { Checkbox, type CheckboxProps } from 'react-aria-components';

interface CheckboxFieldProps extends Omit<CheckboxProps, 'children' | 'className'> {
  children: ReactNode;
  detail?: ReactNode;
  className?: string;
}

/** A checkbox with its box drawn in CSS, a real label, and an optional line of detail. */
export function CheckboxField({ children, detail, className, ...props }: CheckboxFieldProps) {
  return (
    <Checkbox {...props} className={['checkbox', className].filter(Boolean).join(' ')}>
      <span className="checkbox-box" aria-hidden="true">
        <svg viewBox="0 0 18 18" className="checkbox-tick" focusable="false">
          <polyline points="3.5 9.5 7.5 13 14.5 5" />
        </svg>
      </span>
      <span className="checkbox-text">
        <span className="checkbox-label">{children}</span>
        {detail ? <span className="checkbox-detail">{detail}</span> : null}
      </span>
    </Checkbox>
  );
}
