/**
 * Errors for the GOV.UK error summary and the inline messages: from the shared zod schemas
 * before a request, and from the server's `details.fields` after one.
 */
import type { z } from 'zod';
import { ApiError } from '../net/http.js';

/** One problem to show. `field` is the id of the input it belongs to; without one it is shown in the summary only. */
export interface FormError {
  field?: string;
  message: string;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FormError[] };

/** Maps a request body key to the id of its input, when they differ (`expiresAt` → `participant-expiry-date`). */
export type FieldIdFor = (field: string) => string;

const sameId: FieldIdFor = (field) => field;

/** Checks form values against a shared request schema; one message per field, in the schema's order. */
export function validate<T>(schema: z.ZodType<T>, values: unknown, fieldIdFor: FieldIdFor = sameId): Validation<T> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FormError[] = [];
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    const field = typeof key === 'string' ? fieldIdFor(key) : undefined;
    if (field !== undefined && errors.some((error) => error.field === field)) continue;
    errors.push(field === undefined ? { message: issue.message } : { field, message: issue.message });
  }
  return { ok: false, errors };
}

/**
 * Turns a failed request into errors to show: the server's field errors if it named fields,
 * otherwise its message, tied to `fallbackField` so the summary link takes people somewhere useful.
 */
export function errorsFromFailure(
  failure: unknown,
  options: { fallbackField?: string; fieldIdFor?: FieldIdFor } = {},
): FormError[] {
  const fieldIdFor = options.fieldIdFor ?? sameId;
  if (failure instanceof ApiError && failure.fields.length > 0) {
    return failure.fields.map((item) => ({ field: fieldIdFor(item.field), message: item.message }));
  }
  const message =
    failure instanceof ApiError ? failure.message : 'Sorry, there is a problem with the service. Try again later.';
  return options.fallbackField === undefined ? [{ message }] : [{ field: options.fallbackField, message }];
}
