import type { z } from 'zod';
import type { FieldError } from '../../shared/protocol/api.js';
import { AppError } from '../errors.js';

/**
 * Validates a request body (or query) against a strict zod schema. Unknown keys, wrong types and
 * oversize strings become one 400 with a message per field, ready for the form's error summary.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(', '), message: `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` };
    }
    return { field: issue.path.map(String).join('.') || 'body', message: issue.message };
  });
  const first = fields[0]?.message ?? 'The request is not valid.';
  throw new AppError('invalid-input', fields.length > 1 ? 'There is a problem with what you entered.' : first, fields);
}
