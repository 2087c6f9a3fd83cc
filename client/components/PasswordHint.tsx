import { MIN_PASSWORD_CHARS } from '../../shared/limits.js';

export function PasswordHint() {
  return (
    <>
      Use {MIN_PASSWORD_CHARS} characters or more. Three or four unrelated words make a strong password that is easy to
      remember.
    </>
  );
}
