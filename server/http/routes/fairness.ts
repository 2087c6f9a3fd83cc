import { Router } from 'express';
import type { PublicModerationLogResponse } from '../../../shared/schema/publicModerationLog.js';
import { publicModerationLog } from '../../fairness/publicModerationLog.js';
import { boardReach } from '../../reach/boardReach.js';
import { boardAccess, officerBoardAccess } from '../access.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';
import { councilOutcomeEmailsCsv } from '../../fairness/outcomeEmails.js';

/**
 * Issue 13's reads:
 * - GET /boards/:id/moderation-log: everyone on the board (participants and observers too) reads the
 *   moderation log in the open: kind, action, time, reason; never content or identity.
 * - GET /boards/:id/reach: counts of who took part (everyone on the board; counts only).
 * - GET /boards/:id/outcome-emails.csv (officers): email, idea and the council's answer for each participant
 *   who gave an email, so the council can tell them ("you said, we did").
 */
export function fairnessRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.get('/boards/:boardId/moderation-log', async (req, res) => {
    const { board } = await boardAccess(deps.store, res, idParam(req.params.boardId, 'board'));
    const body: PublicModerationLogResponse = { entries: await publicModerationLog(deps.store, board.id) };
    res.json(body);
  });

  router.get('/boards/:boardId/reach', async (req, res) => {
    const { board } = await boardAccess(deps.store, res, idParam(req.params.boardId, 'board'));
    res.json({ reach: await boardReach(deps.store, board.id) });
  });

  router.get('/boards/:boardId/outcome-emails.csv', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(deps.store, res, idParam(req.params.boardId, 'board'));
    const csv = await councilOutcomeEmailsCsv(deps, board.id);
    deps.log.info({ boardId: board.id, accountId }, 'council outcome emails downloaded');
    res.setHeader('content-type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('content-disposition', `attachment; filename="council-answers-to-tell-${board.id}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.send(csv);
  });

  return router;
}
