import { readPhase, type BoardPhase } from '../../shared/schema/briefMeta.js';
import type { Store } from '../store/store.js';
import type { Rooms } from './Rooms.js';

/**
 * The board's phase as access decisions read it (who may open its documents, or read its snapshot, in
 * draft): from its brief when loaded here, else from the store's mirror, so a board need not be loaded to
 * know. No mirror reads as 'open'.
 */
export async function currentPhase(rooms: Pick<Rooms, 'loaded'> | undefined, store: Pick<Store, 'findBoardPhase'>, boardId: string): Promise<BoardPhase> {
  const room = await rooms?.loaded(boardId);
  if (room && !room.isDestroyed) return readPhase(room.brief.doc);
  return (await store.findBoardPhase(boardId))?.phase ?? 'open';
}
