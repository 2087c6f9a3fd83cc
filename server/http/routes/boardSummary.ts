import { Router } from 'express';
import type { BoardSummaryResponse } from '../../../shared/protocol/api.js';
import { readWallNotes } from '../../../shared/schema/wall.js';
import type { InviteLinkRecord } from '../../store/store.js';
import { documentNames } from '../../rooms/BoardRoom.js';
import { isWellFormedId } from '../../../shared/ids.js';
import { AppError } from '../../errors.js';
import { officerBoardAccess } from '../access.js';
import { requireOfficer } from '../middleware/session.js';
import { inviteLinkView } from '../views.js';
import { readStoredDocument } from './confidentialNotes.js';
import type { BoardActivity, RouteDeps } from './deps.js';

/**
 * One board at a glance for the officers' dashboard (issue 14): its event code, phase, people here now and
 * ideas. Officers of the board only: 401 signed out, 403 for participants and observers, 404 for a board
 * that does not exist, is not theirs, or whose id is malformed.
 */
export function boardSummaryRoutes(deps: RouteDeps): Router {
  const { store, config, now } = deps;
  const activity = deps.boardActivity ?? storedActivity(deps);
  const router = Router();

  router.get('/boards/:boardId/summary', async (req, res) => {
    requireOfficer(res);
    // Checked before any look-up; a malformed id names no board, so the dashboard hears "not found" (404).
    const boardId = req.params.boardId;
    if (!isWellFormedId(boardId)) throw new AppError('not-found', 'There is no board here, or you do not have access to it.');
    const { board } = await officerBoardAccess(store, res, boardId);
    const [links, workshop, peopleNow, ideas] = await Promise.all([
      store.listInviteLinks(board.id),
      store.findBoardPhase(board.id),
      activity.peopleNow(board.id),
      activity.ideasOnWall(board.id),
    ]);
    const link = newestActiveParticipantLink(links, config.publicUrl, now());
    const body: BoardSummaryResponse = {
      eventCode: link?.code ?? null,
      inviteLinkId: link?.id ?? null,
      phase: workshop?.phase ?? 'open',
      peopleNow,
      ideas,
    };
    res.json(body);
  });

  return router;
}

function newestActiveParticipantLink(links: readonly InviteLinkRecord[], publicUrl: string, at: number): InviteLinkRecord | null {
  const active = links.filter((link) => link.role === 'participant' && inviteLinkView(link, publicUrl, at).status === 'active');
  return active.reduce<InviteLinkRecord | null>((newest, link) => (newest === null || link.createdAt > newest.createdAt ? link : newest), null);
}

/** Without rooms (app-only tests): nobody is connected, and ideas come from the stored wall. */
function storedActivity(deps: RouteDeps): BoardActivity {
  return {
    peopleNow: () => Promise.resolve(0),
    ideasOnWall: (boardId) => countStoredIdeas(deps, boardId),
  };
}

/** Notes on the wall: the loaded copy when the board is in use, else the stored document, read and let go. */
export async function countStoredIdeas(deps: Pick<RouteDeps, 'store' | 'log' | 'liveDocuments'>, boardId: string): Promise<number> {
  const name = documentNames.wall(boardId);
  const live = await deps.liveDocuments?.storedContentOf(boardId, name);
  if (live) return readWallNotes(live).size;
  const doc = await readStoredDocument(deps.store, deps.log, name);
  if (!doc) return 0;
  try {
    return readWallNotes(doc).size;
  } finally {
    doc.destroy();
  }
}
