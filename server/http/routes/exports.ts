import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../../errors.js';
import { EXPORT_FORMATS, exportFileName, isExportFormatName } from '../../export/exportFormats.js';
import { readBoardRecord } from '../../export/readBoardRecord.js';
import { officerBoardAccess } from '../access.js';
import { requireOfficer } from '../middleware/session.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/**
 * Officers download their board: `GET /api/boards/:boardId/export/{csv,json,html,md}` (issue 12). Only the
 * board's own officers: a participant or observer gets 403, an officer of other boards the same 404 as for
 * a board that does not exist. Each download is an attachment, never cached (it names people), rate-limited
 * per account, and logged (who exported which board in which format).
 */
export function exportRoutes(deps: RouteDeps): Router {
  const { store, now } = deps;
  const router = Router();

  // The officer check comes first, so the per-account limit counts officers' downloads only.
  const officersOnly = (_req: Request, res: Response, next: NextFunction) => {
    requireOfficer(res);
    next();
  };

  router.get('/boards/:boardId/export/:format', officersOnly, deps.rateLimits.exportsPerAccount, async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const formatName = req.params.format;
    if (!isExportFormatName(formatName)) {
      throw new AppError('not-found', 'There is no export in that format. Choose csv, json, html or md.');
    }
    if (!deps.rooms) throw new AppError('internal', 'Exports are not available on this server.');
    const format = EXPORT_FORMATS[formatName];
    const record = await readBoardRecord({ rooms: deps.rooms, store, hiddenNotes: deps.hiddenNotes, now }, board);
    res.attachment(exportFileName(board.title, now(), format.extension));
    res.set('Content-Type', format.contentType);
    res.set('Cache-Control', 'no-store');
    res.set('X-Content-Type-Options', 'nosniff');
    if ('contentSecurityPolicy' in format) res.set('Content-Security-Policy', format.contentSecurityPolicy);
    deps.log.info({ boardId: board.id, accountId, format: formatName, notes: record.notes.length }, 'board exported');
    await format.write(record, res);
  });

  return router;
}
