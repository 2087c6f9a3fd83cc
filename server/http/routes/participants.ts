import { Router } from 'express';
import {
  removeParticipantBody,
  removeParticipantsBody,
  type BoardParticipantsResponse,
  type ParticipantView,
  type RemoveParticipantsResponse,
} from '../../../shared/protocol/api.js';
import { AppError } from '../../errors.js';
import type { z } from 'zod';
import type { hideReasonBody } from '../../../shared/schema/moderation.js';
import type { InviteLinkRecord, ParticipantRecord, RefusalCount } from '../../store/store.js';
import { officerBoardAccess } from '../access.js';
import { parseInput } from '../validate.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

function iso(time: number | null | undefined): string | null {
  return time === null || time === undefined ? null : new Date(time).toISOString();
}

/** One person as their board's officers see them: who, when, by which link, refusals, and any bar. */
function participantView(participant: ParticipantRecord, refusals: RefusalCount[], links: Map<string, InviteLinkRecord>): ParticipantView {
  const link = links.get(participant.inviteLinkId);
  return {
    id: participant.id,
    name: participant.name,
    organisation: participant.organisation,
    role: participant.role,
    joinedAt: new Date(participant.createdAt).toISOString(),
    removedAt: iso(participant.removedAt),
    refusals: refusals
      .filter((refusal) => refusal.personId === participant.id)
      .map((refusal) => ({ rule: refusal.rule, count: refusal.count, lastAt: new Date(refusal.lastAt).toISOString() })),
    email: participant.email,
    joinedVia: {
      linkId: participant.inviteLinkId,
      role: link?.role ?? participant.role,
      code: link?.code ?? null,
      createdAt: iso(link?.createdAt),
    },
    isBarred: participant.removedAt !== null && (participant.letBackInAt ?? null) === null,
    letBackInAt: iso(participant.letBackInAt),
  };
}

/**
 * Officers see who has joined (when, by which link, with any refusals, never their content), remove one
 * person or a burst of joins at once, and let a removed person back in. Removal ends the person's sessions and
 * sockets at once AND bars their browser and their details (name and organisation, email) from this board
 * until an officer lets them back in (issue 10, items 3 and 5).
 */
export function participantRoutes(deps: RouteDeps): Router {
  const { store, now } = deps;
  const router = Router();

  router.get('/boards/:boardId/participants', async (req, res) => {
    const { board } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const [participants, refusals, links] = await Promise.all([
      store.listParticipants(board.id),
      store.listRefusals(board.id),
      store.listInviteLinks(board.id),
    ]);
    const linksById = new Map(links.map((link) => [link.id, link]));
    const body: BoardParticipantsResponse = {
      participants: participants.map((participant) => participantView(participant, refusals, linksById)),
    };
    res.json(body);
  });

  /** Removes and bars, audits each removal, and closes each removed person's sockets at once. */
  async function removeAndBar(boardId: string, participantIds: readonly string[], accountId: string): Promise<ParticipantRecord[]> {
    const removed = await store.removeParticipants(boardId, participantIds, now(), accountId);
    for (const participant of removed) {
      deps.log.info({ boardId, participantId: participant.id, accountId }, 'participant removed and barred');
      deps.accessEvents.participantRemoved(boardId, participant.id);
    }
    return removed;
  }

  /**
   * "Also hide everything they posted" (issue 12): hides every note and comment of each person, through the
   * board's room (stored in the moderation log before the wall changes). Done after the removal, so the
   * person is disconnected first; a failure answers 500 and asking again is safe (removal is idempotent).
   */
  async function hideEverythingOf(boardId: string, personIds: readonly string[], accountId: string, why: z.output<typeof hideReasonBody>): Promise<number> {
    if (!deps.moderation) throw new AppError('conflict', 'Hiding notes is not available on this server.');
    let hidden = 0;
    for (const personId of personIds) hidden += await deps.moderation.hideEverythingOf(boardId, personId, accountId, why);
    deps.log.info({ boardId, accountId, people: personIds.length, hidden, reason: why.reason }, 'everything removed people posted hidden');
    return hidden;
  }

  async function participantsOfBoard(boardId: string, ids: readonly string[]): Promise<string[]> {
    const found = await Promise.all(ids.map((id) => store.findParticipant(id)));
    return found.filter((participant): participant is ParticipantRecord => participant?.boardId === boardId).map((participant) => participant.id);
  }

  router.post('/boards/:boardId/participants/remove', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const { participantIds, hideEverything } = parseInput(removeParticipantsBody, req.body);
    const ids = participantIds.map((participantId) => idParam(participantId, 'participant'));
    const removed = await removeAndBar(board.id, ids, accountId);
    deps.log.info({ boardId: board.id, accountId, asked: ids.length, removed: removed.length }, 'participants removed at once');
    const body: RemoveParticipantsResponse = {
      removed: removed.map((participant) => ({ id: participant.id, removedAt: new Date(participant.removedAt ?? now()).toISOString() })),
    };
    // Everyone asked for who is a participant of this board, removed now or earlier (asking again is safe).
    if (hideEverything) body.hiddenItems = await hideEverythingOf(board.id, await participantsOfBoard(board.id, ids), accountId, hideEverything);
    res.json(body);
  });

  router.post('/boards/:boardId/participants/:participantId/remove', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const participantId = idParam(req.params.participantId, 'participant');
    const { hideEverything } = parseInput(removeParticipantBody, req.body);
    const [removedNow] = await removeAndBar(board.id, [participantId], accountId);
    // Removing someone already removed answers as before (idempotent); someone not on the board is a 404.
    const participant = removedNow ?? (await store.findParticipant(participantId));
    if (!participant || participant.boardId !== board.id) throw new AppError('not-found', 'There is no such participant on this board.');
    const hiddenItems = hideEverything ? await hideEverythingOf(board.id, [participant.id], accountId, hideEverything) : undefined;
    res.json({ removed: { id: participant.id, removedAt: new Date(participant.removedAt ?? now()).toISOString() }, hiddenItems });
  });

  router.post('/boards/:boardId/participants/:participantId/let-back-in', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const participantId = idParam(req.params.participantId, 'participant');
    const participant = await store.letParticipantBackIn(board.id, participantId, now(), accountId);
    if (!participant) throw new AppError('not-found', 'There is no removed participant with that id on this board.');
    deps.log.info({ boardId: board.id, participantId, accountId }, 'participant let back in');
    res.json({ participant: { id: participant.id, letBackInAt: iso(participant.letBackInAt) } });
  });

  return router;
}
