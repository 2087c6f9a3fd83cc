/**
 * [#15.n50] A tick that publishes notes nobody has reacted to, commented on or voted for skips deciding
 * votes, reactions and comments again (a share of a quiet note's path), and must leave the wall exactly as
 * the whole decision would: these run the record kinds on real documents, tick by tick, as the publisher does.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RecordKindsPublisher } from '../../server/rooms/RecordKindsPublisher.js';
import type { PresenceIdentity } from '../../server/rooms/Presence.js';
import { setPhase } from '../../shared/schema/briefMeta.js';
import { setMyReaction } from '../../shared/schema/draftReactions.js';
import { wallKeyFor, writeWallChanges, type WallKey, type WallNote } from '../../shared/schema/wall.js';
import { readWallTallies } from '../../shared/schema/wallTallies.js';

const TARGET = 'problem-id-00000001';

function person(personId: string): PresenceIdentity {
  return { personId, name: `Name ${personId}`, organisation: `Org ${personId}`, role: 'participant' };
}

function board() {
  const brief = new Y.Doc();
  setPhase(brief, 'open');
  const wall = new Y.Doc();
  const drafts = new Map<string, Y.Doc>([['reactor-person-0001', new Y.Doc()], ['author-person-00001', new Y.Doc()]]);
  const draftReads: string[] = [];
  const kinds = new RecordKindsPublisher({
    brief,
    wall,
    draftOf: (personId) => {
      draftReads.push(personId);
      return drafts.get(personId) ?? null;
    },
    retryAt: () => {},
  });
  kinds.storedDraftsLoaded();
  // As the publisher does: a draft's change is told at once (what it holds is remembered until then).
  for (const [personId, draft] of drafts) draft.on('update', () => kinds.draftChanged(personId));
  let now = 1_700_000_000_000;
  /** One publisher tick: the notes decided, then the record kinds, in one wall transaction. */
  const tick = (decided: Array<{ personId: string; publish?: string[]; unpublish?: string[] }>) => {
    now += 1_000;
    draftReads.length = 0;
    const entries = decided.map(({ personId, publish = [], unpublish = [] }) => ({
      personId,
      identity: person(personId),
      decision: {
        publish: publish.map((noteId) => ({ key: wallKeyFor(personId, noteId), record: note(personId, noteId, now) })),
        unpublish: unpublish.map((noteId) => wallKeyFor(personId, noteId)),
      },
    }));
    let result: ReturnType<RecordKindsPublisher['decideAndWrite']> | null = null;
    wall.transact(() => {
      for (const { decision } of entries) writeWallChanges(wall, decision);
      result = kinds.decideAndWrite(entries, { now, isPublishingEverything: false });
    });
    return result!; // reason: set in the transaction above
  };
  return { wall, drafts, tick, draftReads };
}

function note(author: string, noteId: string, at: number): WallNote {
  return { author, noteId, text: `Idea ${noteId}`, colour: 'yellow', targetId: TARGET, createdAt: at, updatedAt: at };
}

function plusOnes(wall: Y.Doc, key: WallKey): number | undefined {
  return readWallTallies(wall).get(key)?.plusOne;
}

describe('[#15.n50] a quiet tick of the record kinds', () => {
  it('publishes a new note without reading anyone else’s draft, and leaves the tallies as they were', () => {
    const { wall, drafts, tick, draftReads } = board();
    const first = wallKeyFor('author-person-00001', 'note-id-0000000001');
    tick([{ personId: 'author-person-00001', publish: ['note-id-0000000001'] }]);
    setMyReaction(drafts.get('reactor-person-0001')!, first, 'plus-one', true); // reason: made in board()
    tick([{ personId: 'reactor-person-0001' }]);
    expect(plusOnes(wall, first)).toBe(1);

    const result = tick([{ personId: 'author-person-00001', publish: ['note-id-0000000002'] }]);
    expect(result.notesChanged).toBe(true);
    expect(draftReads).not.toContain('reactor-person-0001');
    expect(plusOnes(wall, first)).toBe(1);
    expect(readWallTallies(wall).has(wallKeyFor('author-person-00001', 'note-id-0000000002'))).toBe(false);
  });

  it('decides everything when a note returns that someone’s counted reaction names', () => {
    const { wall, drafts, tick } = board();
    const first = wallKeyFor('author-person-00001', 'note-id-0000000001');
    tick([{ personId: 'author-person-00001', publish: ['note-id-0000000001'] }]);
    setMyReaction(drafts.get('reactor-person-0001')!, first, 'plus-one', true); // reason: made in board()
    tick([{ personId: 'reactor-person-0001' }]);
    expect(plusOnes(wall, first)).toBe(1);
    // Taken off (a whole decision: the tally goes), then back before the reactor was decided again.
    tick([{ personId: 'author-person-00001', unpublish: ['note-id-0000000001'] }]);
    expect(plusOnes(wall, first)).toBeUndefined();
    tick([{ personId: 'author-person-00001', publish: ['note-id-0000000001'] }]);
    expect(plusOnes(wall, first)).toBe(1);
  });

  it('decides everything for an author who reacts, and once anyone votes', () => {
    const { wall, drafts, tick, draftReads } = board();
    const first = wallKeyFor('reactor-person-0001', 'note-id-0000000001');
    tick([{ personId: 'reactor-person-0001', publish: ['note-id-0000000001'] }]);
    // The author of the next note also reacts in the same change: counted in the same tick.
    setMyReaction(drafts.get('author-person-00001')!, first, 'plus-one', true); // reason: made in board()
    tick([{ personId: 'author-person-00001', publish: ['note-id-0000000002'] }]);
    expect(plusOnes(wall, first)).toBe(1);
    // Someone's draft holds a vote: every tick decides votes (and reads every person's draft) again.
    drafts.get('reactor-person-0001')!.getMap('votes').set(first, 1); // reason: made in board()
    tick([{ personId: 'reactor-person-0001' }]);
    tick([{ personId: 'author-person-00001', publish: ['note-id-0000000003'] }]);
    expect(draftReads).toContain('reactor-person-0001');
  });
});
