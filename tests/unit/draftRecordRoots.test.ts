/**
 * [#15] The publisher remembers which of a person's draft record roots hold anything (asked of everyone
 * after every note that lands), until that person's draft changes. A person it has already seen with an
 * empty draft who then comments must have the comment published: a remembered "nothing here" that outlived
 * the change would let a quiet tick skip it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.js';
import { DraftRecordRootsCache } from '../../server/rooms/draftRecordRoots.js';
import { WallPublisher } from '../../server/rooms/WallPublisher.js';
import { setPhase } from '../../shared/schema/briefMeta.js';
import { addMyComment } from '../../shared/schema/draftComments.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { setMyReaction } from '../../shared/schema/draftReactions.js';
import { readWallNotes, wallKeyFor, type WallKey } from '../../shared/schema/wall.js';
import { readWallComments } from '../../shared/schema/wallComments.js';

const AUTHOR = 'author-person-000001';
const COMMENTER = 'commenter-person-001';

describe('[#15] what a draft holds, remembered until it changes', () => {
  it('answers from memory until told the draft changed, and reads a reloaded draft again', () => {
    const drafts = new Map([[COMMENTER, new Y.Doc()]]);
    const cache = new DraftRecordRootsCache((personId) => drafts.get(personId) ?? null);
    expect(cache.of(COMMENTER)).toEqual({ votes: false, reactions: false, comments: false });
    setMyReaction(drafts.get(COMMENTER)!, `${AUTHOR}:note-id-0000000001` as WallKey, 'plus-one', true); // reason: set above
    expect(cache.of(COMMENTER)?.reactions).toBe(false);
    cache.forget(COMMENTER);
    expect(cache.of(COMMENTER)?.reactions).toBe(true);
    // The same person's draft loaded again (a new document): read afresh without being told.
    const reloaded = new Y.Doc();
    addMyComment(reloaded, `${AUTHOR}:note-id-0000000001` as WallKey, 'Agreed');
    drafts.set(COMMENTER, reloaded);
    expect(cache.of(COMMENTER)).toEqual({ votes: false, reactions: false, comments: true });
    expect(cache.of('nobody-loaded-000001')).toBeNull();
  });

  it('publishes a comment from someone first seen with nothing but a note', async () => {
    const brief = new Y.Doc();
    setPhase(brief, 'open');
    const problemId = addProblem(brief, { title: 'Repairs need second visits' });
    const wall = new Y.Doc();
    const drafts = new Map([
      [AUTHOR, new Y.Doc()],
      [COMMENTER, new Y.Doc()],
    ]);
    const publisher = new WallPublisher({
      boardId: 'board-id-000000000001',
      brief,
      wall,
      draftOf: (personId) => drafts.get(personId) ?? null,
      identityOf: async (personId) => ({ personId, name: `Name ${personId}`, organisation: `Org ${personId}`, role: 'participant' }),
      notices: { noteStatusChanged: () => {} },
      audit: { record: () => {} },
      log: createLogger('silent'),
    });
    publisher.storedDraftsLoaded();
    // The publisher hears of every draft change from the draft's document, as BoardRoom wires it.
    for (const [personId, draft] of drafts) draft.on('update', () => publisher.draftChanged(personId));
    const noteId = addDraftNote(drafts.get(AUTHOR)!, { text: 'Book the second visit at the first', targetId: problemId }); // reason: set above
    await publisher.flush();
    addDraftNote(drafts.get(COMMENTER)!, { text: 'Text the tenant the day before', targetId: problemId }); // reason: set above
    await publisher.flush();
    expect(readWallNotes(wall).size).toBe(2);

    addMyComment(drafts.get(COMMENTER)!, wallKeyFor(AUTHOR, noteId), 'We did this in Leeds'); // reason: set above
    await publisher.flush();
    expect([...readWallComments(wall).values()].map((comment) => comment.text)).toEqual(['We did this in Leeds']);
    publisher.destroy();
  });
});
