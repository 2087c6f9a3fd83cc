import { Router, type Request, type Response } from 'express';
import { normaliseEventCode } from '../../../shared/ids.js';
import {
  eventCodeLookupBody,
  joinBoardBody,
  type EventCodeLookupResponse,
  type JoinBoardBody,
  type JoinInfoResponse,
} from '../../../shared/protocol/api.js';
import { MAX_PEOPLE_PER_BOARD, PARTICIPANT_SESSION_TTL_MS } from '../../../shared/limits.js';
import { personIdentityKey, roleClaimProblem } from '../../../shared/text/identityKey.js';
import { newId } from '../../auth/tokens.js';
import { AppError, assertNever } from '../../errors.js';
import type { BoardRecord, InviteLinkRecord, ParticipantRecord, Store } from '../../store/store.js';
import { browserIdOf, browserKeyOf, ensureBrowserId } from '../browserId.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../middleware/session.js';
import { parseInput } from '../validate.js';
import { inviteLinkStatus, sessionView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { tokenParam } from './params.js';

/** Said the same way on the join page and in the API (issue 10, item 3). */
export const REMOVED_FROM_BOARD_MESSAGE =
  'You have been removed from this board. Contact the council if you think this is a mistake.';

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

/**
 * Names and organisations are claims (issue 10, item 4): one that reads as the council's role is refused,
 * because only the server shows who is an officer; and a board that asks for emails gets one.
 */
function checkClaims(body: JoinBoardBody, board: BoardRecord): void {
  const fields: Array<{ field: string; message: string }> = [];
  for (const [field, label] of [
    ['name', 'Your name'],
    ['organisation', 'Your organisation'],
  ] as const) {
    const message = roleClaimProblem(label, body[field]);
    if (message !== null) fields.push({ field, message });
  }
  if (board.requiresEmail === true && !body.email) {
    fields.push({ field: 'email', message: 'Enter your email address. The council running this board asks everyone for it.' });
  }
  const first = fields[0];
  if (first) throw new AppError('invalid-input', first.message, fields);
}

function removedFromBoard(): AppError {
  return new AppError('removed-from-board', REMOVED_FROM_BOARD_MESSAGE);
}

/** Suppliers, remote participants and observers join a board by link or event code. */
export function joinRoutes(deps: RouteDeps): Router {
  const { store, sessions, config, rateLimits, now } = deps;
  const router = Router();

  /** A browser barred by a removal is told so before it fills the form in. */
  async function refuseBarredBrowser(req: Request, boardId: string): Promise<void> {
    const browserId = browserIdOf(req);
    if (browserId && (await store.isBarredFromBoard(boardId, { browserKey: browserKeyOf(browserId) }))) throw removedFromBoard();
  }

  router.get('/join/:token', async (req, res) => {
    const { link, board } = await usableLink(store, await store.findInviteLinkByToken(tokenParam(req.params.token)), now());
    await refuseBarredBrowser(req, board.id);
    const body: JoinInfoResponse = {
      board: { title: board.title, summary: board.summary, notice: board.notice },
      role: link.role,
      // Only when on, so the answer for every other board is unchanged.
      ...(board.requiresEmail === true ? { requiresEmail: true } : {}),
    };
    res.json(body);
  });

  router.post('/join/:token', rateLimits.joinPerAddress); // runs first: per client address (issue 10 item 5)
  router.post('/join/:token', rateLimits.joinPerLink, async (req, res) => {
    const token = tokenParam(req.params.token);
    const body = parseInput(joinBoardBody, req.body);
    const { link, board } = await usableLink(store, await store.findInviteLinkByToken(token), now());
    checkClaims(body, board);
    const browserId = ensureBrowserId(req, res, config.isProduction);
    const candidate: ParticipantRecord = {
      id: newId(),
      boardId: board.id,
      role: link.role,
      name: body.name,
      organisation: body.organisation,
      email: body.email ? body.email : null,
      inviteLinkId: link.id,
      createdAt: now(),
      removedAt: null,
      identityKey: personIdentityKey(body.name, body.organisation),
      browserKey: browserKeyOf(browserId),
    };
    const outcome = await store.joinParticipant(candidate, MAX_PEOPLE_PER_BOARD);
    switch (outcome.kind) {
      case 'barred':
        deps.log.info({ boardId: board.id }, 'join refused: removed from this board');
        throw removedFromBoard();
      case 'taken': {
        const { holder } = outcome;
        const message = `Someone has already joined as ${holder.name} from ${holder.organisation}. If that was you on another device, carry on there. If not, add something that tells you apart, like your job title.`;
        throw new AppError('conflict', message, [{ field: 'name', message }]);
      }
      case 'board-full':
        throw new AppError('board-full', 'This board is full. Ask the council officer running the event for help.');
      case 'returned':
        // The same browser with the same details: the same person, back after losing their session cookie.
        deps.log.info({ boardId: board.id, participantId: outcome.participant.id }, 'participant rejoined');
        await startParticipantSession(res, outcome.participant);
        res.status(200).json({ session: sessionView(res.locals.viewer) });
        return;
      case 'joined':
        deps.log.info({ boardId: board.id, participantId: candidate.id, role: link.role }, 'participant joined');
        await saveProfile(candidate, body);
        await startParticipantSession(res, candidate);
        res.status(201).json({ session: sessionView(res.locals.viewer) });
        return;
      default:
        assertNever(outcome);
    }
  });

  /** What a supplier said about their organisation (reach, issue 13); nothing is stored when they said nothing. */
  async function saveProfile(participant: ParticipantRecord, body: JoinBoardBody): Promise<void> {
    const organisationSize = body.organisationSize && body.organisationSize !== 'not-said' ? body.organisationSize : null;
    const workedBefore = body.workedBefore ?? null;
    if (participant.role !== 'participant' || (organisationSize === null && workedBefore === null)) return;
    await store.saveParticipantProfile({ participantId: participant.id, boardId: participant.boardId, organisationSize, workedBefore });
  }

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
