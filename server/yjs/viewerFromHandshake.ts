import { signedCookie } from 'cookie-parser';
import { parse as parseCookies } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type { Sessions, SessionViewer } from '../auth/sessions.js';
import { SESSION_COOKIE } from '../http/middleware/session.js';

/** The viewer behind a websocket or socket.io handshake's session cookie, or null. */
export async function viewerFromHandshake(
  headers: IncomingMessage['headers'],
  sessions: Sessions,
  secret: string,
): Promise<SessionViewer | null> {
  const header = headers.cookie;
  if (!header || header.length > 8_192) return null;
  const raw = parseCookies(header)[SESSION_COOKIE];
  if (!raw) return null;
  const token = signedCookie(raw, secret);
  if (typeof token !== 'string' || token === raw || token.length > 200) return null;
  return sessions.resolve(token);
}
