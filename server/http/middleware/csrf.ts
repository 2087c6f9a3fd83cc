import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CSRF_HEADER } from '../../../shared/protocol/api.js';
import { AppError } from '../../errors.js';

export const CSRF_COOKIE = 'oiw_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit token: a signed, httpOnly, SameSite=Strict cookie holds a random token, and every
 * state-changing request must repeat it in the `x-csrf-token` header. A page on another site can send
 * the cookie (not with SameSite) but can never read the token to put in the header.
 * A foreign Origin header is refused outright.
 */
export function csrfProtection(publicOrigin: string | null = null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!isSameOrigin(req, publicOrigin)) return next(new AppError('csrf', 'This request came from another website and was refused.'));
    const cookieToken: unknown = req.signedCookies?.[CSRF_COOKIE];
    const headerToken = req.get(CSRF_HEADER);
    if (typeof cookieToken !== 'string' || !headerToken || !tokensMatch(cookieToken, headerToken)) {
      return next(new AppError('csrf', 'Your page has expired. Reload the page and try again.'));
    }
    next();
  };
}

/** Returns the browser's CSRF token, setting the cookie first when it has none. */
export function ensureCsrfToken(req: Request, res: Response, isProduction: boolean): string {
  const existing: unknown = req.signedCookies?.[CSRF_COOKIE];
  if (typeof existing === 'string' && existing.length === 43) return existing;
  const token = randomBytes(32).toString('base64url');
  res.cookie(CSRF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: isProduction, signed: true, path: '/' });
  return token;
}

/**
 * True when the request has no Origin (same-origin GETs, curl) or its Origin is this site's.
 * This site is PUBLIC_URL's origin when it is set (`publicOrigin`): behind a proxy the Host header the app
 * sees may differ from the address people use, and a proxy may be configured without the port. Only when
 * PUBLIC_URL is unset (development, tests on port 0) is the Origin's host compared with the Host header.
 * Used by REST (csrfProtection), socket.io (allowRequest) and the /yjs upgrade.
 */
export function isSameOrigin(
  req: { headers: { origin?: string | undefined; host?: string | undefined } },
  publicOrigin: string | null = null,
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const parsed = new URL(origin);
    return publicOrigin !== null ? parsed.origin === publicOrigin : parsed.host === req.headers.host;
  } catch {
    return false;
  }
}

function tokensMatch(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
