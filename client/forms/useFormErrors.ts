import { useCallback, useState } from 'react';
import type { FormError } from './formErrors.js';

export interface FormErrorsState {
  errors: readonly FormError[];
  setErrors(errors: readonly FormError[]): void;
  clearErrors(): void;
  /** The message for the input with this id, if it has one. */
  messageFor(fieldId: string): string | undefined;
}

export function useFormErrors(): FormErrorsState {
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const clearErrors = useCallback(() => setErrors([]), []);
  const messageFor = (fieldId: string) => errors.find((error) => error.field === fieldId)?.message;
  return { errors, setErrors, clearErrors, messageFor };
}
