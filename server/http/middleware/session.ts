import type { NextFunction, Request, Response } from 'express';
import type { Sessions, Viewer } from '../../auth/sessions.js';
import { AppError } from '../../errors.js';

export const SESSION_COOKIE = 'oiw_session';

declare global {
  // reason: express's own extension point for typed res.locals is a global namespace
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      viewer: Viewer | null;
      /** True when a session cookie came with a bad signature (tampered or from another install). */
      hasTamperedSession: boolean;
    }
  }
}

/** Loads the viewer from the signed session cookie on every request. */
export function loadSession(sessions: Sessions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.viewer = null;
    res.locals.hasTamperedSession = false;
    const token: unknown = req.signedCookies?.[SESSION_COOKIE];
    if (token === false) res.locals.hasTamperedSession = true;
    if (typeof token === 'string' && token.length > 0 && token.length < 200) {
      res.locals.viewer = await sessions.resolve(token);
    }
    next();
  };
}

export function sessionCookieOptions(isProduction: boolean, maxAgeMs: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: isProduction, signed: true, path: '/', maxAge: maxAgeMs };
}

/** The viewer, or a 401 when there is none. */
export function requireViewer(res: Response): Viewer {
  const viewer = res.locals.viewer;
  if (!viewer) {
    throw new AppError(
      'unauthenticated',
      res.locals.hasTamperedSession ? 'Your session is not valid. Sign in or join again.' : 'You need to sign in or join the board first.',
    );
  }
  return viewer;
}

export function requireOfficer(res: Response): Extract<Viewer, { kind: 'officer' }> {
  const viewer = requireViewer(res);
  if (viewer.kind !== 'officer') throw new AppError('forbidden', 'Only council officers can do this.');
  return viewer;
}
