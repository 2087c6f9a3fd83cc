import { Router, type Response } from 'express';
import { normaliseEventCode } from '../../../shared/ids.js';
import {
  eventCodeLookupBody,
  joinBoardBody,
  type EventCodeLookupResponse,
  type JoinInfoResponse,
} from '../../../shared/protocol/api.js';
import { MAX_PEOPLE_PER_BOARD, PARTICIPANT_SESSION_TTL_MS } from '../../../shared/limits.js';
import { newId } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import type { BoardRecord, InviteLinkRecord, ParticipantRecord, Store } from '../../store/store.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../middleware/session.js';
import { parseInput } from '../validate.js';
import { inviteLinkStatus, sessionView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { tokenParam } from './params.js';

/** The link and its board, or the 410 that tells the person plainly why they cannot join. */
async function usableLink(store: Store, link: InviteLinkRecord | null, now: number): Promise<{ link: InviteLinkRecord; board: BoardRecord }> {
  if (!link) throw new AppError('not-found', 'This invitation link is not valid. Check that you copied all of it.');
  const status = inviteLinkStatus(link, now);
  if (status === 'revoked') throw new AppError('link-revoked', 'This invitation link has been withdrawn.');
  if (status === 'expired') throw new AppError('link-expired', 'This invitation link has expired.');
  const board = await store.findBoard(link.boardId);
  if (!board) throw new AppError('not-found', 'This invitation link is not valid.');
  if (board.status === 'archived') throw new AppError('board-archived', 'This board has closed.');
  return { link, board };
}

/** Suppliers, remote participants and observers join a board by link or event code. */
export function joinRoutes(deps: RouteDeps): Router {
  const { store, sessions, config, rateLimits, now } = deps;
  const router = Router();

  router.get('/join/:token', async (req, res) => {
    const { link, board } = await usableLink(store, await store.findInviteLinkByToken(tokenParam(req.params.token)), now());
    const body: JoinInfoResponse = { board: { title: board.title, summary: board.summary, notice: board.notice }, role: link.role };
    res.json(body);
  });

  router.post('/join/:token', rateLimits.joinPerAddress); // runs first: per client address (issue 10 item 5)
  router.post('/join/:token', rateLimits.joinPerLink, async (req, res) => {
    const token = tokenParam(req.params.token);
    const body = parseInput(joinBoardBody, req.body);
    const { link, board } = await usableLink(store, await store.findInviteLinkByToken(token), now());
    const participant: ParticipantRecord = {
      id: newId(),
      boardId: board.id,
      role: link.role,
      name: body.name,
      organisation: body.organisation,
      email: body.email ? body.email : null,
      inviteLinkId: link.id,
      createdAt: now(),
      removedAt: null,
    };
    if (!(await store.createParticipant(participant, MAX_PEOPLE_PER_BOARD))) {
      throw new AppError('board-full', 'This board is full. Ask the council officer running the event for help.');
    }
    deps.log.info({ boardId: board.id, participantId: participant.id, role: link.role }, 'participant joined');
    await startParticipantSession(res, participant);
    res.status(201).json({ session: sessionView(res.locals.viewer) });
  });

  async function startParticipantSession(res: Response, participant: ParticipantRecord): Promise<void> {
    const previous = res.locals.viewer;
    if (previous) await sessions.end(previous.tokenHash);
    const token = await sessions.startForParticipant(participant);
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config.isProduction, PARTICIPANT_SESSION_TTL_MS));
    res.locals.viewer = await sessions.resolve(token);
  }

  router.post('/event-codes', rateLimits.eventCodePerAddress, rateLimits.eventCodePerBrowser, async (req, res) => {
    const body = parseInput(eventCodeLookupBody, req.body);
    const code = normaliseEventCode(body.code);
    if (!code) {
      throw new AppError('invalid-input', 'Enter the event code shown on the screen, like HKN-4821.', [
        { field: 'code', message: 'Enter the event code shown on the screen, like HKN-4821' },
      ]);
    }
    const link = await store.findInviteLinkByCode(code);
    const noSuchCode = 'No event uses that code. Check the code on the screen and try again.';
    if (!link) throw new AppError('not-found', noSuchCode, [{ field: 'code', message: noSuchCode }]);
    await usableLink(store, link, now());
    const response: EventCodeLookupResponse = { joinPath: `/join/${link.token}` };
    res.json(response);
  });

  return router;
}
