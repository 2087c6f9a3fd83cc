import { Router, type Request } from 'express';
import Negotiator from 'negotiator';
import * as Y from 'yjs';
import { WALL_SNAPSHOT_EPOCH_HEADER } from '../../../shared/protocol/wallSnapshot.js';
import { readPhase, type BoardPhase } from '../../../shared/schema/briefMeta.js';
import { AppError } from '../../errors.js';
import { documentNames } from '../../rooms/BoardRoom.js';
import { boardAccess } from '../access.js';
import { WallSnapshots, type SnapshotEncoding, type WallState } from '../wallSnapshots.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/** Longest wait for the board's commits before answering 503 (the page then syncs on the websocket). */
const STORED_STATE_TIMEOUT_MS = 5_000;

/**
 * `GET /api/boards/:boardId/wall-snapshot`: the board's wall as one Yjs update, compressed, for a page that
 * joins with nothing cached. The same people may read it as may open the wall on the websocket (everyone on
 * the board; in draft only its officers), it holds only what is stored, and every reader gets the same bytes.
 */
export function wallSnapshotRoutes(deps: RouteDeps): Router {
  const snapshots = new WallSnapshots(deps.now);
  const router = Router();

  router.get('/boards/:boardId/wall-snapshot', async (req, res) => {
    const { board, role } = await boardAccess(deps.store, res, idParam(req.params.boardId, 'board'));
    // Checked on every request, not only when a snapshot is made: an officer's request may have made it.
    if (role !== 'officer' && (await phaseOf(deps, board.id)) === 'draft') throw new AppError('forbidden', 'This board is not open yet.');
    const snapshot = await snapshots.get(board.id, preferredEncoding(req), () => readWallState(deps, board.id));
    res.set({
      'Content-Type': 'application/octet-stream',
      [WALL_SNAPSHOT_EPOCH_HEADER]: snapshot.epoch,
      Vary: 'Accept-Encoding',
      ...(snapshot.encoding === 'identity' ? {} : { 'Content-Encoding': snapshot.encoding }),
    });
    res.send(snapshot.body);
  });

  return router;
}

const ENCODINGS: SnapshotEncoding[] = ['br', 'gzip', 'identity'];

/** Negotiator 1.x's `preferred` option (ours first when the page likes several equally; its types lag it). */
type RankedEncodings = { encodings(available: readonly string[], options: { preferred: readonly string[] }): string[] };

/** The page's best encoding by its q-values; brotli, then gzip, when it likes them equally. */
function preferredEncoding(req: Request): SnapshotEncoding {
  const [best] = (new Negotiator(req) as unknown as RankedEncodings).encodings(ENCODINGS, { preferred: ENCODINGS });
  return ENCODINGS.find((encoding) => encoding === best) ?? 'identity';
}

/** The board's phase, as the websocket decides it: from its brief when loaded, else from the store's mirror. */
async function phaseOf(deps: RouteDeps, boardId: string): Promise<BoardPhase> {
  const room = await deps.rooms?.loaded(boardId);
  if (room && !room.isDestroyed) return readPhase(room.brief.doc);
  return (await deps.store.findBoardPhase(boardId))?.phase ?? 'open';
}

/** The stored wall and its epoch: through the board's room (loading it, as the websocket will), else the store. */
async function readWallState(deps: RouteDeps, boardId: string): Promise<WallState> {
  const epoch = (await deps.store.findDocumentEpoch(boardId)) ?? 'epoch-1';
  if (!deps.rooms) {
    // Without rooms (app-only tests) the store is the only copy.
    const stored = await deps.store.loadDocument(documentNames.wall(boardId));
    return { state: Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]), epoch };
  }
  return deps.rooms.withRoom(boardId, async (room) => ({ state: await withTimeout(room.wall.storedState()), epoch }));
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError('store-unavailable', 'The wall cannot be read just now. Try again shortly.')), STORED_STATE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
