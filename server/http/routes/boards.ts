import { Router } from 'express';
import {
  createBoardBody,
  updateBoardBody,
  type BoardListResponse,
  type BoardResponse,
} from '../../../shared/protocol/api.js';
import { EMPTY_PIPELINE, hasPipelineFields, withPipelineFields } from '../../../shared/schema/pipeline.js';
import { newId } from '../../auth/tokens.js';
import type { BoardRecord } from '../../store/store.js';
import { boardAccess, officerBoardAccess } from '../access.js';
import { requireOfficer } from '../middleware/session.js';
import { parseInput } from '../validate.js';
import { boardView } from '../views.js';
import type { RouteDeps } from './deps.js';
import { createInviteLink } from './inviteLinks.js';
import { idParam } from './params.js';

/** Boards: officers list, create, rename, archive and restore; anyone on a board reads its frame. */
export function boardRoutes(deps: RouteDeps): Router {
  const { store, now } = deps;
  const router = Router();

  router.get('/boards', async (_req, res) => {
    const officer = requireOfficer(res);
    const body: BoardListResponse = { boards: (await store.listBoardsOfOfficer(officer.account.id)).map(boardView) };
    res.json(body);
  });

  router.post('/boards', async (req, res) => {
    const officer = requireOfficer(res);
    const body = parseInput(createBoardBody, req.body);
    const createdAt = now();
    const board: BoardRecord = { id: newId(), ...body, status: 'open', createdAt, updatedAt: createdAt };
    await store.createBoard(board, officer.account.id);
    // Every board starts with a participant link and event code, ready to put on the screen.
    await createInviteLink(store, board.id, 'participant', null, createdAt);
    deps.log.info({ boardId: board.id, accountId: officer.account.id }, 'board created');
    res.status(201).json({ board: boardView(board) });
  });

  router.get('/boards/:boardId', async (req, res) => {
    const access = await boardAccess(store, res, idParam(req.params.boardId, 'board'));
    const { viewer } = access;
    // The store's mirror of the brief's phase: the board need not be loaded to know it is in draft.
    const workshop = await store.findBoardPhase(access.board.id);
    const body: BoardResponse = {
      board: boardView(access.board),
      viewer:
        viewer.kind === 'officer'
          ? { role: 'officer', canEdit: access.board.status === 'open', name: viewer.account.name, organisation: null }
          : {
              role: viewer.kind,
              canEdit: viewer.kind === 'participant' && access.board.status === 'open',
              name: viewer.participant.name,
              organisation: viewer.participant.organisation,
            },
      documents: {
        personId: viewer.kind === 'officer' ? viewer.account.id : viewer.participant.id,
        epoch: (await store.findDocumentEpoch(access.board.id)) ?? 'epoch-1',
      },
      phase: workshop?.phase ?? 'open',
      opensAt: workshop?.opensAt ?? null,
    };
    res.json(body);
  });

  router.patch('/boards/:boardId', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const body = parseInput(updateBoardBody, req.body);
    const { title, summary, notice, requiresEmail } = body;
    const changes = {
      ...(title === undefined ? {} : { title }),
      ...(summary === undefined ? {} : { summary }),
      ...(notice === undefined ? {} : { notice }),
      ...(requiresEmail === undefined ? {} : { requiresEmail }),
      ...(hasPipelineFields(body) ? { pipeline: withPipelineFields(board.pipeline ?? EMPTY_PIPELINE, body) } : {}),
    };
    const at = now();
    const updated = await store.updateBoard(board.id, changes, at);
    // The board's public details are part of its record (issue 13): what the notice said, and when.
    await store.appendRecordEntries(board.id, [{ at, who: { id: accountId, role: 'officer' }, kind: 'board.details-changed', data: changes }]);
    res.json({ board: boardView(updated ?? board) });
  });

  for (const [action, status] of [
    ['archive', 'archived'],
    ['restore', 'open'],
  ] as const) {
    router.post(`/boards/:boardId/${action}`, async (req, res) => {
      const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
      const updated = (await store.updateBoard(board.id, { status }, now())) ?? board;
      deps.log.info({ boardId: board.id, accountId, status }, 'board status changed');
      deps.accessEvents.boardStatusChanged(board.id);
      res.json({ board: boardView(updated) });
    });
  }

  return router;
}
