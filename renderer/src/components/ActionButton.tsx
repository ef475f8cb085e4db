import { useEffect, useRef } from 'react';
import { Button, type ButtonProps } from 'react-aria-components';
import { announce } from 'react-aria/private/live-announcer/LiveAnnouncer';

interface ActionButtonProps extends Omit<ButtonProps, 'className'> {
  variant?: 'primary' | 'secondary' | 'quiet';
  className?: string;
}

/** What a screen reader calls the button: its label if it has one, else the words on it. */
function spokenName(button: HTMLButtonElement): string {
  return (button.getAttribute('aria-label') ?? button.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The app's button. While `isPending` it stays focusable and in place but does nothing when pressed
 * (aria-disabled, `data-pending` for the styles), and a focused button says its new words aloud when
 * the wait starts and ends.
 *
 * The pending state is kept here rather than handed to react-aria's `isPending`, which announces a
 * reference to the button (a role="img" pointing at the button's id) and leaves it in the live
 * region for seven seconds. When the button is gone by then, as Sign in is a moment after a
 * successful sign-in, that leftover is an image with no name (axe: role-img-alt, serious) on the
 * next screen. Announcing the words themselves says the same and refers to nothing.
 */
export function ActionButton({ variant = 'secondary', className, isPending = false, type, onPress, onPressStart, onPressEnd, onPressUp, onPressChange, onClick, ...props }: ActionButtonProps) {
  const ref = useRef<HTMLButtonElement>(null);
  const wasPending = useRef(isPending);
  useEffect(() => {
    const button = ref.current;
    if (wasPending.current !== isPending && button && button === document.activeElement) {
      const words = spokenName(button);
      if (words) announce(words, 'assertive');
    }
    wasPending.current = isPending;
  }, [isPending]);

  const handlers = isPending ? {} : { onPress, onPressStart, onPressEnd, onPressUp, onPressChange, onClick };
  return (
    <Button
      {...props}
      {...handlers}
      ref={ref}
      // A pending submit button must not submit again on Enter in a field.
      type={isPending && type === 'submit' ? 'button' : type}
      aria-disabled={isPending ? true : props['aria-disabled']}
      data-pending={isPending || undefined}
      className={['button', `button-${variant}`, className].filter(Boolean).join(' ')}
    />
  );
}
