import { useEffect, useRef } from 'react';

/** Places where a letter already means something: fields, lists with type-ahead, closed selects, dialogs. */
const TYPING_PLACES =
  'input, textarea, select, [contenteditable="true"], [role="textbox"], [role="listbox"], [role="menu"], [role="combobox"], [role="spinbutton"], [role="dialog"], [aria-haspopup]';

function typingSomewhere(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TYPING_PLACES) !== null;
}

/**
 * A single-letter shortcut for a page ("N" for a new contact), as in mail programs: it only acts
 * when no field has the keyboard and no modifier is held, so it never eats a typed letter.
 */
export function useShortcutKey(key: string, action: () => void, enabled: boolean): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  }, [action]);
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (e.key.toLowerCase() !== key || typingSomewhere(e.target)) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key, enabled]);
}
