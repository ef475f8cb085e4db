import { Button, type ButtonProps } from 'react-aria-components';

interface ActionButtonProps extends Omit<ButtonProps, 'className'> {
  variant?: 'primary' | 'secondary' | 'quiet';
  className?: string;
}

export function ActionButton({ variant = 'secondary', className, ...props }: ActionButtonProps) {
  return <Button {...props} className={['button', `button-${variant}`, className].filter(Boolean).join(' ')} />;
}
