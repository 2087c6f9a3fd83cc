import { HTTP_STATUS_FOR_ERROR, type ErrorCode, type FieldError } from '../shared/protocol/api.js';

/**
 * The one error family of the server. `message` is for people (shown in the client as it is);
 * `fields` lets a form put each problem next to its input.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldError[]) {
    super(message);
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return HTTP_STATUS_FOR_ERROR[this.code];
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
