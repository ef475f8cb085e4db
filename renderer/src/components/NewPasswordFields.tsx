import { PasswordStrength } from './PasswordStrength';
import { TextInput } from './TextInput';

interface NewPasswordFieldsProps {
  labels: { password: string; confirm: string };
  password: string;
  confirm: string;
  onPasswordChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  /** The field name the server's messages use for the new password. */
  name?: string;
}

/**
 * A new password and its confirmation, with the live strength hint: the same pair wherever someone
 * chooses a password (first run, a forgotten password, a temporary one).
 */
export function NewPasswordFields({ labels, password, confirm, onPasswordChange, onConfirmChange, name = 'newPassword' }: NewPasswordFieldsProps) {
  return (
    <>
      <TextInput
        label={labels.password}
        name={name}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={onPasswordChange}
        description={<PasswordStrength password={password} />}
      />
      <TextInput
        label={labels.confirm}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={onConfirmChange}
      />
    </>
  );
}
