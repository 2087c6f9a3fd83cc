/**
 * The wall recorder (server/record/wallRecorder.ts) reads what each note last said when the wall's first
 * change starts, not when it is attached (issue 15: a loaded 2,000-note board's first join waited ~10 ms
 * for that read). These pin that the record is the same either way: the wall as it was before the first
 * change is what that change is compared with.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newRecordId } from '../../shared/schema/recordId.js';
import { wallKeyFor, writeWallChanges } from '../../shared/schema/wall.js';
import type { WallNote } from '../../shared/schema/wallNoteRecord.js';
import type { RecordEntryInput } from '../../server/record/recordEntry.js';
import { recordWallChanges } from '../../server/record/wallRecorder.js';

const SERVER = { source: 'server' } as const;
const author = newRecordId();
const targetId = newRecordId();

function note(noteId: string, text: string, updatedAt = 1_000): WallNote {
  return { author, noteId, text, colour: 'yellow', targetId, createdAt: 1_000, updatedAt };
}

function publish(wall: Y.Doc, record: WallNote): void {
  writeWallChanges(wall, { publish: [{ key: wallKeyFor(record.author, record.noteId), record }], unpublish: [] }, SERVER);
}

/** A wall that already holds `notes` (as one loaded from the store), and a recorder attached afterwards. */
function loadedWall(notes: WallNote[]): { wall: Y.Doc; entries: RecordEntryInput[]; stop: () => void } {
  const wall = new Y.Doc();
  for (const record of notes) publish(wall, record);
  const entries: RecordEntryInput[] = [];
  const stop = recordWallChanges(wall, { roleOf: () => 'participant', append: (added) => entries.push(...added), now: () => 5_000 });
  return { wall, entries, stop };
}

describe('[#15.cold] the wall recorder', () => {
  it('records nothing when the first change only rewrites a note that was already there with the same content', () => {
    const first = newRecordId();
    const { wall, entries } = loadedWall([note(first, 'Book the repair with the first visit')]);
    publish(wall, note(first, 'Book the repair with the first visit', 2_000));
    expect(entries).toEqual([]);
  });

  it('records an edit of a note that was there before the first change, and a new note as published', () => {
    const first = newRecordId();
    const second = newRecordId();
    const { wall, entries } = loadedWall([note(first, 'Book the repair with the first visit')]);
    wall.transact(() => {
      publish(wall, note(first, 'Book the repair and the parts with the first visit', 2_000));
      publish(wall, note(second, 'Text the tenant the arrival time'));
    }, SERVER);
    expect(entries.map(({ kind, data }) => [kind, data.key, data.text])).toEqual(
      expect.arrayContaining([
        ['note.edited', wallKeyFor(author, first), 'Book the repair and the parts with the first visit'],
        ['note.published', wallKeyFor(author, second), 'Text the tenant the arrival time'],
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it('records a note that was there before the first change as unpublished when it goes', () => {
    const first = newRecordId();
    const { wall, entries } = loadedWall([note(first, 'Book the repair with the first visit')]);
    writeWallChanges(wall, { publish: [], unpublish: [wallKeyFor(author, first)] }, SERVER);
    expect(entries.map(({ kind, data }) => [kind, data.key])).toEqual([['note.unpublished', wallKeyFor(author, first)]]);
  });

  it('stops listening when stopped, the wall untouched until then', () => {
    const { wall, entries, stop } = loadedWall([note(newRecordId(), 'Book the repair with the first visit')]);
    stop();
    publish(wall, note(newRecordId(), 'Text the tenant the arrival time'));
    expect(entries).toEqual([]);
  });
});
