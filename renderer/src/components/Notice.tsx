import type { ReactNode } from 'react';

interface NoticeProps {
  tone: 'error' | 'info' | 'success';
  children: ReactNode;
  id?: string;
}

/**
 * A message about the whole form or screen. Errors are announced at once (role alert); confirmations
 * politely (role status). Calm colours: a problem to fix, not an alarm.
 */
export function Notice({ tone, children, id }: NoticeProps) {
  return (
    <div id={id} role={tone === 'error' ? 'alert' : 'status'} className={`notice notice-${tone}`}>
      {children}
    </div>
  );
}
