import { Router } from 'express';
import type { BoardParticipantsResponse } from '../../../shared/protocol/api.js';
import { AppError } from '../../errors.js';
import { officerBoardAccess } from '../access.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/** Officers see who has joined (with any refusals, never their content) and can remove someone. */
export function participantRoutes(deps: RouteDeps): Router {
  const { store, now } = deps;
  const router = Router();

  router.get('/boards/:boardId/participants', async (req, res) => {
    const { board } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const [participants, refusals] = await Promise.all([store.listParticipants(board.id), store.listRefusals(board.id)]);
    const body: BoardParticipantsResponse = {
      participants: participants.map((participant) => ({
        id: participant.id,
        name: participant.name,
        organisation: participant.organisation,
        role: participant.role,
        joinedAt: new Date(participant.createdAt).toISOString(),
        removedAt: participant.removedAt === null ? null : new Date(participant.removedAt).toISOString(),
        refusals: refusals
          .filter((refusal) => refusal.personId === participant.id)
          .map((refusal) => ({ rule: refusal.rule, count: refusal.count, lastAt: new Date(refusal.lastAt).toISOString() })),
      })),
    };
    res.json(body);
  });

  router.post('/boards/:boardId/participants/:participantId/remove', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const participantId = idParam(req.params.participantId, 'participant');
    const participant = await store.removeParticipant(board.id, participantId, now());
    if (!participant) throw new AppError('not-found', 'There is no such participant on this board.');
    deps.log.info({ boardId: board.id, participantId, accountId }, 'participant removed');
    deps.accessEvents.participantRemoved(board.id, participantId);
    res.json({ removed: { id: participant.id, removedAt: new Date(participant.removedAt ?? now()).toISOString() } });
  });

  return router;
}
