/**
 * Publishing a closed board (issue 13): when its phase becomes 'published', the server makes its public
 * record once — the board as it is at that moment, anonymised (publicRecord.ts), with the record log's head
 * — and stores it. The public page and downloads serve that stored copy: dated, read-only, and cheap to
 * serve to anyone without loading the board. Publishing again (after going back to closed) replaces it.
 */
import { readBoardRecord } from '../export/readBoardRecord.js';
import type { Logger } from '../log.js';
import type { Rooms } from '../rooms/Rooms.js';
import type { Store } from '../store/store.js';
import { OPEN_GOVERNMENT_LICENCE, PUBLISHED_RECORD_SCHEMA, PUBLISHED_RECORD_VERSION, toPublicRecord, type PublishedRecord } from './publicRecord.js';

export interface PublishDeps {
  rooms: Pick<Rooms, 'withRoom'>;
  store: Store;
  log: Logger;
  now: () => number;
}

/** Makes and stores the board's published record; resolves with it (null when the board is gone). */
export async function publishBoardRecord(deps: PublishDeps, boardId: string): Promise<PublishedRecord | null> {
  const board = await deps.store.findBoard(boardId);
  if (!board) return null;
  // Whatever the publisher and the record log still had in hand goes in first.
  await deps.rooms.withRoom(boardId, async (room) => {
    await room.publisher.flush();
    await room.record.drain();
  });
  const publishedAt = deps.now();
  // No hidden-notes source: the public record never shows hidden notes, not even as a count.
  const record = await readBoardRecord({ rooms: deps.rooms, store: deps.store, now: () => publishedAt }, board);
  const head = await deps.store.findRecordHead(boardId);
  const published: PublishedRecord = {
    schema: PUBLISHED_RECORD_SCHEMA,
    version: PUBLISHED_RECORD_VERSION,
    licence: OPEN_GOVERNMENT_LICENCE,
    publishedAt: new Date(publishedAt).toISOString(),
    finalHash: head,
    record: toPublicRecord(record),
  };
  await deps.store.savePublishedRecord({ boardId, publishedAt, recordJson: JSON.stringify(published) });
  deps.log.info({ boardId, finalSeq: head?.seq ?? 0 }, 'board record published');
  return published;
}
