import type { Request } from 'express';
import { Router } from 'express';
import Negotiator from 'negotiator';
import { SNAPSHOT_EPOCH_HEADER, encodeBoardSnapshot } from '../../../shared/protocol/boardSnapshot.js';
import { AppError } from '../../errors.js';
import { documentNames } from '../../rooms/BoardRoom.js';
import { currentPhase } from '../../rooms/boardPhase.js';
import type { Store } from '../../store/store.js';
import { storedStateOf } from '../../store/storedState.js';
import { boardAccess } from '../access.js';
import { BoardSnapshots, type SnapshotEncoding, type StoredSnapshot } from '../boardSnapshots.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/** Longest wait for the board's commits before answering 503 (the page then syncs on the websockets). */
const STORED_STATE_TIMEOUT_MS = 5_000;

/**
 * `GET /api/boards/:boardId/snapshot`: the board's brief and wall as Yjs updates in one compressed body
 * (`shared/protocol/boardSnapshot.ts`), for a page that joins with nothing cached (ADR 0008). The same people
 * may read it as may open those documents on the websocket (everyone on the board; in draft only its
 * officers), it holds only what is stored, and every reader gets the same bytes.
 */
export function boardSnapshotRoutes(deps: RouteDeps): Router {
  const snapshots = new BoardSnapshots(deps.now);
  const router = Router();

  router.get('/boards/:boardId/snapshot', async (req, res) => {
    const { board, role } = await boardAccess(deps.store, res, idParam(req.params.boardId, 'board'));
    // Checked on every request, not only when a snapshot is made: an officer's request may have made it.
    if (role !== 'officer' && (await currentPhase(deps.rooms, deps.store, board.id)) === 'draft') throw new AppError('forbidden', 'This board is not open yet.');
    const snapshot = await snapshots.get(board.id, preferredEncoding(req), () => readSnapshot(deps, board.id));
    res.set({
      'Content-Type': 'application/octet-stream',
      [SNAPSHOT_EPOCH_HEADER]: snapshot.epoch,
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

/** The stored brief and wall and their epoch: through the board's room (loading it, as the websockets will), else the store. */
async function readSnapshot(deps: RouteDeps, boardId: string): Promise<StoredSnapshot> {
  const epoch = (await deps.store.findDocumentEpoch(boardId)) ?? 'epoch-1';
  if (!deps.rooms) {
    // Without rooms (app-only tests) the store is the only copy.
    const [brief, wall] = await Promise.all([storedUpdate(deps.store, documentNames.brief(boardId)), storedUpdate(deps.store, documentNames.wall(boardId))]);
    return { body: encodeBoardSnapshot({ brief, wall }), epoch };
  }
  return deps.rooms.withRoom(boardId, async (room) => {
    const [brief, wall] = await withTimeout(Promise.all([room.brief.storedState(), room.wall.storedState()]));
    return { body: encodeBoardSnapshot({ brief, wall }), epoch };
  });
}

async function storedUpdate(store: Store, documentName: string): Promise<Uint8Array> {
  return storedStateOf(await store.loadDocument(documentName));
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError('store-unavailable', 'The board cannot be read just now. Try again shortly.')), STORED_STATE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
