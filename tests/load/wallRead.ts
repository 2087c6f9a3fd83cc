/**
 * What reading the wall costs a page after each change, for a 2,000-note board (issue 15, phones), in
 * Node, unthrottled: `readWall` + `laneNotesByTarget` as the wall page did it, against the page's
 * remembering reader (`client/board/wallReader.ts`). A phone with a 4× slower CPU takes about 4× longer.
 *
 *   npx tsx tests/load/wallRead.ts
 */
import * as Y from 'yjs';
import { laneNotesByTarget, type Me } from '../../client/board/laneNotes.js';
import { createWallReader } from '../../client/board/wallReader.js';
import { putWallPerson, readWall, wallKeyFor, writeWallChanges, type WallNote } from '../../shared/schema/wall.js';

const PEOPLE = Array.from({ length: 200 }, (_, index) => `person-id-${String(index).padStart(10, '0')}`);
const TARGETS = ['problem-id-000000001', 'problem-id-000000002', 'problem-id-000000003'];
const ME: Me = { personId: 'viewer-person-id-001', name: 'Viewer', organisation: 'Viewer Ltd', role: 'participant' };

function note(index: number, createdAt: number): { key: ReturnType<typeof wallKeyFor>; record: WallNote } {
  const author = PEOPLE[index % PEOPLE.length]!; // reason: modulo keeps it in range
  const noteId = `note-id-${String(index).padStart(12, '0')}`;
  const record: WallNote = { author, noteId, text: 'x'.repeat(120), colour: 'yellow', targetId: TARGETS[index % TARGETS.length]!, createdAt, updatedAt: createdAt };
  return { key: wallKeyFor(author, noteId), record };
}

/** Mean ms of `run` over 20 calls, after 5 to warm up. */
function meanMs(run: () => void): number {
  for (let index = 0; index < 5; index += 1) run();
  const started = performance.now();
  for (let index = 0; index < 20; index += 1) run();
  return (performance.now() - started) / 20;
}

const doc = new Y.Doc();
for (const personId of PEOPLE) putWallPerson(doc, personId, { name: `Supplier ${personId}`, organisation: 'Supplier Ltd', role: 'participant' });
writeWallChanges(doc, { publish: Array.from({ length: 2_000 }, (_, index) => note(index, 1_700_000_000_000 + index)), unpublish: [] });

const plain = meanMs(() => laneNotesByTarget(readWall(doc), [], ME));
const read = createWallReader();
const unchanged = meanMs(() => laneNotesByTarget(read(doc), [], ME));
let next = 2_000;
const oneAdded = meanMs(() => {
  writeWallChanges(doc, { publish: [note(next, 1_800_000_000_000 + next)], unpublish: [] });
  next += 1;
  laneNotesByTarget(read(doc), [], ME);
});
process.stdout.write(
  `2,000 notes, per change: readWall + laneNotesByTarget ${plain.toFixed(2)} ms; remembering reader ${unchanged.toFixed(2)} ms ` +
    `(nothing changed), ${oneAdded.toFixed(2)} ms (one note added, including writing it)\n`,
);
