import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '../../../shared/protocol/api.js';
import { AppError } from '../../errors.js';
import { pathForLog, type Logger } from '../../log.js';
import { describeStoreError, isStoreUnavailableError, STORE_UNAVAILABLE_MESSAGE } from '../../store/storeErrors.js';

/** 404 for any /api path no route answered. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not-found', `There is no API route ${req.method} ${req.path}.`));
};

/** The one place where errors become HTTP responses: `{ error: { code, message, details? } }`. */
export function errorResponder(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const appError = toAppError(error);
    if (appError.code === 'store-unavailable') {
      // An outage, not a bug: one line with the cause, no stack per request.
      log.error({ reason: describeStoreError(error), method: req.method, path: pathForLog(req.originalUrl) }, 'ALERT: request refused: the store cannot write');
    } else if (appError.status >= 500) {
      log.error({ err: error, method: req.method, path: pathForLog(req.originalUrl) }, 'request failed');
    } else {
      log.info({ code: appError.code, method: req.method, path: pathForLog(req.originalUrl) }, 'request refused');
    }
    if (appError.code === 'store-unavailable') res.set('Retry-After', '30');
    const body: ApiErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.fields) body.error.details = { fields: appError.fields };
    res.status(appError.status).json(body);
  };
}

/** Errors thrown by express's own body parser carry a status and type; everything else is a 500. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isStoreUnavailableError(error)) {
    return new AppError('store-unavailable', STORE_UNAVAILABLE_MESSAGE);
  }
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') return new AppError('invalid-input', 'The request is too large.');
  if (type === 'entity.parse.failed') return new AppError('invalid-input', 'The request body is not valid JSON.');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new AppError('invalid-input', 'The request body must be UTF-8 JSON.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('invalid-input', 'The request could not be read.');
  }
  return new AppError('internal', 'Something went wrong on our side. Try again in a moment.');
}
