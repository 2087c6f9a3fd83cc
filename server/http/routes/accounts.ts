import { Router, type Response } from 'express';
import { setUpFirstOfficerBody, signInBody, type SessionResponse } from '../../../shared/protocol/api.js';
import { OFFICER_SESSION_TTL_MS } from '../../../shared/limits.js';
import { DUMMY_PASSWORD_HASH_PROMISE, hashPassword, verifyPassword } from '../../auth/passwords.js';
import { hashToken, newId } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import type { AccountRecord } from '../../store/store.js';
import { ensureCsrfToken } from '../middleware/csrf.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../middleware/session.js';
import { parseInput } from '../validate.js';
import { sessionView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { tokenParam } from './params.js';

/** Officer accounts: the first officer's set-up link, sign-in, sign-out, and "who am I". */
export function accountRoutes(deps: RouteDeps): Router {
  const { store, sessions, config, rateLimits, now } = deps;
  const router = Router();

  async function signInAs(res: Response, account: AccountRecord): Promise<void> {
    // A fresh token at every sign-in: a session id planted before sign-in is never promoted.
    const previous = res.locals.viewer;
    if (previous) await sessions.end(previous.tokenHash);
    const token = await sessions.startForOfficer(account);
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config.isProduction, OFFICER_SESSION_TTL_MS));
    res.locals.viewer = { kind: 'officer', account, tokenHash: hashToken(token) };
  }

  router.get('/session', (req, res) => {
    if (res.locals.hasTamperedSession) res.clearCookie(SESSION_COOKIE, { path: '/' });
    const body: SessionResponse = {
      session: sessionView(res.locals.viewer),
      csrfToken: ensureCsrfToken(req, res, config.isProduction),
    };
    res.json(body);
  });

  router.get('/setup/:token', async (req, res) => {
    const unused = await store.isSetupTokenUnused(hashToken(tokenParam(req.params.token)));
    if (unused === null) throw new AppError('not-found', 'This set-up link is not valid.');
    if (!unused) throw new AppError('link-used', 'This set-up link has already been used. Sign in instead.');
    res.json({ valid: true });
  });

  router.post('/setup/:token', async (req, res) => {
    const tokenHash = hashToken(tokenParam(req.params.token));
    const body = parseInput(setUpFirstOfficerBody, req.body);
    if ((await store.isSetupTokenUnused(tokenHash)) === null) throw new AppError('not-found', 'This set-up link is not valid.');
    const account: AccountRecord = {
      id: newId(),
      email: body.email,
      name: body.name,
      passwordHash: await hashPassword(body.password),
      createdAt: now(),
    };
    if (!(await store.useSetupTokenForFirstAccount(tokenHash, account, now()))) {
      throw new AppError('link-used', 'This set-up link has already been used. Sign in instead.');
    }
    // The demo board (and any board seeded before an officer existed) belongs to the first officer.
    for (const board of await store.listBoardsWithoutOfficers()) await store.addBoardOfficer(board.id, account.id, now());
    deps.log.info({ accountId: account.id }, 'first officer set up');
    await signInAs(res, account);
    res.status(201).json({ session: sessionView(res.locals.viewer) });
  });

  router.post('/sign-in', rateLimits.signInPerAddress); // runs first: failures per client address (issue 10 item 5)
  router.post('/sign-in', rateLimits.signInPerBrowser, rateLimits.signInPerEmail, async (req, res) => {
    const body = parseInput(signInBody, req.body);
    const account = await store.findAccountByEmail(body.email);
    // Verify against a dummy hash when the email is unknown, so timing does not reveal who has an account.
    const isValid = await verifyPassword(body.password, account?.passwordHash ?? (await DUMMY_PASSWORD_HASH_PROMISE));
    if (!account || !isValid) {
      throw new AppError('unauthenticated', 'Enter a correct email address and password.');
    }
    await signInAs(res, account);
    res.json({ session: sessionView(res.locals.viewer) });
  });

  router.post('/sign-out', async (_req, res) => {
    const viewer = res.locals.viewer;
    if (viewer) await sessions.end(viewer.tokenHash);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
}
