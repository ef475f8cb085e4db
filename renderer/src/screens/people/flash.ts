import { useEffect, useState } from 'react';

/**
 * A one-line confirmation carried to the next screen ("Contact recorded."). It holds only wording,
 * never a record, and is dropped once the next screen has shown it.
 */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** The message for this screen's status line: read on mount (twice is harmless), cleared after. */
export function useFlash(): [string | null, (message: string | null) => void] {
  const [message, setMessage] = useState<string | null>(() => pending);
  useEffect(() => {
    pending = null;
  }, []);
  return [message, setMessage];
}
