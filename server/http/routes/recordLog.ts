import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../../errors.js';
import { exportFileName } from '../../export/exportFormats.js';
import { entryLine } from '../../record/recordHash.js';
import { officerBoardAccess } from '../access.js';
import { requireOfficer } from '../middleware/session.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/**
 * Officers download their board's record log: `GET /api/boards/:boardId/record-log`, JSON Lines (one
 * canonical entry per line, see docs/record-log.md) or `?format=json` (an array), with the same access rules
 * and rate limit as the exports.
 */
export function recordLogRoutes(deps: RouteDeps): Router {
  const { store, now } = deps;
  const router = Router();
  const officersOnly = (_req: Request, res: Response, next: NextFunction) => {
    requireOfficer(res);
    next();
  };

  router.get('/boards/:boardId/record-log', officersOnly, deps.rateLimits.exportsPerAccount, async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const entries = await store.listRecordEntries(board.id);
    deps.log.info({ boardId: board.id, accountId, entries: entries.length }, 'record log downloaded');
    res.set('Cache-Control', 'no-store');
    // `?format=json`: one JSON array of the same entries (the verifier reads either form).
    if (req.query.format === 'json') {
      res.attachment(exportFileName(`${board.title} record log`, now(), 'json'));
      res.set('Content-Type', 'application/json; charset=utf-8');
      res.send(`[\n${entries.map(entryLine).join(',\n')}\n]\n`);
      return;
    }
    if (req.query.format !== undefined && req.query.format !== 'jsonl') throw new AppError('invalid-input', 'Choose format=jsonl (the default) or format=json.');
    res.attachment(exportFileName(`${board.title} record log`, now(), 'jsonl'));
    res.set('Content-Type', 'application/jsonl; charset=utf-8');
    res.send(entries.map((entry) => `${entryLine(entry)}\n`).join(''));
  });

  return router;
}
