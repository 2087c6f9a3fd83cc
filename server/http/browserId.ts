import type { Request, Response } from 'express';
import { hashToken, newSecretToken } from '../auth/tokens.js';

/**
 * A long-lived, random id per browser, set when someone joins a board: removing a participant bars the
 * browser they joined from (issue 10, item 3). The cookie is signed with the session secret (cookie-parser, as
 * the session cookie), httpOnly and SameSite, so a page cannot read it and a client cannot pick its value. It
 * says nothing about the person and is stored only as a hash beside the participant.
 * What it cannot do: a person who clears their cookies, uses a private window or another device gets a new id.
 */
export const BROWSER_ID_COOKIE = 'oiw_browser';

/** 400 days: the longest lifetime browsers keep a cookie for. */
const BROWSER_ID_MAX_AGE_MS = 400 * 24 * 60 * 60 * 1000;

/** The browser's id from its signed cookie, or null when it has none (or a tampered one). */
export function browserIdOf(req: Request): string | null {
  const value: unknown = req.signedCookies?.[BROWSER_ID_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** The browser's id, setting a new cookie first when it has none. */
export function ensureBrowserId(req: Request, res: Response, isProduction: boolean): string {
  const existing = browserIdOf(req);
  if (existing) return existing;
  const id = newSecretToken();
  res.cookie(BROWSER_ID_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isProduction,
    signed: true,
    path: '/',
    maxAge: BROWSER_ID_MAX_AGE_MS,
  });
  return id;
}

/** What is stored and compared: a hash, so the database holds no cookie value. */
export function browserKeyOf(browserId: string): string {
  return hashToken(`browser:${browserId}`);
}
