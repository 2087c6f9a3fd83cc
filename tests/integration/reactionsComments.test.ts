import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMyComment, deleteMyComment, editMyComment, MAX_COMMENT_TEXT_CHARS } from '../../shared/schema/draftComments.js';
import { deleteDraftNote } from '../../shared/schema/draftNotes.js';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';
import { readWallComments } from '../../shared/schema/wallComments.js';
import { readWallPeople, type WallKey } from '../../shared/schema/wall.js';
import { boardWithPeople, closeOf, Disposables, rooms, type BoardWithPeople, type Person } from '../helpers/liveBoard.js';
import { connectRaw, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { briefWithProblem, device, notesOnWall, rawDraft, recordsOf, setBoardPhase, statusOf, tallyOf } from './votesLive.js';

describe('reactions and comments on notes', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  const disposables = new Disposables();
  let brief: LiveProvider;
  let wall: LiveProvider;
  let notes: WallKey[];
  const supplier = (index: number): Person => board.suppliers[index]!; // reason: boardWithPeople made them

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 3 });
    const made = await briefWithProblem(server, board.boardId, board.officer, disposables);
    brief = made.brief;
    wall = await device(server, rooms.wall(board.boardId), supplier(2), disposables);
    notes = await notesOnWall(server, board.boardId, supplier(2), made.problemId, 2, wall, disposables);
  });

  afterEach(async () => {
    await disposables.disposeAll();
    await server.remove();
  });

  it('[#12.reactions] counts one of each reaction per person per note, and refuses repeats and unknown ones', async () => {
    const status = await statusOf(server, board.boardId, supplier(0), disposables);
    const first = await rawDraft(server, board.boardId, supplier(0), disposables);
    const second = await rawDraft(server, board.boardId, supplier(1), disposables);
    first.doc.getMap(DRAFT_ROOTS.reactions).set(notes[0]!, ['plus-one', 'question']);
    second.doc.getMap(DRAFT_ROOTS.reactions).set(notes[0]!, ['plus-one', 'done-this']);
    await waitFor(() => tallyOf(wall, notes[0]!).plusOne === 2, { what: 'two +1s' });
    expect(tallyOf(wall, notes[0]!)).toEqual({ plusOne: 2, question: 1, doneThis: 1 });

    // A modified client repeats a reaction to count twice: refused, and what counted before stays.
    first.doc.getMap(DRAFT_ROOTS.reactions).set(notes[0]!, ['plus-one', 'plus-one', 'plus-one']);
    first.doc.getMap(DRAFT_ROOTS.reactions).set(notes[1]!, ['heart']);
    await waitFor(() => recordsOf(status).filter((outcome) => outcome.rule === 'schema').length === 2, { what: 'both refused' });
    expect(tallyOf(wall, notes[0]!)).toEqual({ plusOne: 2, question: 1, doneThis: 1 });
    expect(tallyOf(wall, notes[1]!)).toEqual({});

    // Taking a reaction back takes it off the count.
    second.doc.getMap(DRAFT_ROOTS.reactions).delete(notes[0]!);
    await waitFor(() => tallyOf(wall, notes[0]!).plusOne === 1 && tallyOf(wall, notes[0]!).doneThis === undefined, { what: 'one +1 left' });
  });

  it('[#12.reactions] freezes reactions when the board closes', async () => {
    const first = await rawDraft(server, board.boardId, supplier(0), disposables);
    first.doc.getMap(DRAFT_ROOTS.reactions).set(notes[0]!, ['question']);
    await waitFor(() => tallyOf(wall, notes[0]!).question === 1, { what: 'the reaction counted' });
    const status = await statusOf(server, board.boardId, supplier(0), disposables);
    setBoardPhase(brief, 'closed');
    first.doc.getMap(DRAFT_ROOTS.reactions).set(notes[1]!, ['plus-one']);
    await waitFor(() => recordsOf(status).some((outcome) => outcome.rule === 'board-closed'), { what: 'told the board is closed' });
    expect(tallyOf(wall, notes[1]!)).toEqual({});
    expect(tallyOf(wall, notes[0]!)).toEqual({ question: 1 });
  });

  it('[#12.comments] publishes a comment stamped with its author, follows edits and deletes, and refuses a forged author', async () => {
    const writer = await rawDraft(server, board.boardId, supplier(0), disposables);
    const status = await statusOf(server, board.boardId, supplier(0), disposables);
    const commentId = addMyComment(writer.doc, notes[0]!, 'Have you tried this in a pilot?');
    const key = `${supplier(0).personId}:${commentId}` as WallKey;
    await waitFor(() => readWallComments(wall.doc).has(key), { what: 'the comment on the wall' });
    expect(readWallComments(wall.doc).get(key)).toMatchObject({ author: supplier(0).personId, commentId, noteKey: notes[0], text: 'Have you tried this in a pilot?' });
    // The author's name and organisation come from their session, stamped once in `people`.
    expect(readWallPeople(wall.doc).get(supplier(0).personId)).toEqual({ name: supplier(0).name, organisation: supplier(0).organisation, role: 'participant' });

    editMyComment(writer.doc, commentId, 'Have you tried this in a pilot with tenants?');
    await waitFor(() => readWallComments(wall.doc).get(key)?.text === 'Have you tried this in a pilot with tenants?', { what: 'the edit' });

    // A modified client claims another author in its own draft: the record is refused, nothing published.
    const forged = new Y.Map<unknown>();
    writer.doc.transact(() => {
      writer.doc.getMap(DRAFT_ROOTS.comments).set('forgedCommentId012345', forged);
      forged.set('noteKey', notes[0]!);
      forged.set('text', 'Written as someone else');
      forged.set('createdAt', Date.now());
      forged.set('author', supplier(1).personId);
    });
    await waitFor(() => recordsOf(status).some((outcome) => outcome.recordId === 'forgedCommentId012345' && outcome.rule === 'schema'), { what: 'the forged comment refused' });
    expect([...readWallComments(wall.doc).values()].every((comment) => comment.author === supplier(0).personId)).toBe(true);
    expect(readWallComments(wall.doc).size).toBe(1);

    // Too long, and hidden characters: refused, the wall keeps the earlier version.
    // Written straight into the record, as a modified client would: the shared writer refuses long text.
    (writer.doc.getMap(DRAFT_ROOTS.comments).get(commentId) as Y.Map<unknown>).set('text', 'x'.repeat(MAX_COMMENT_TEXT_CHARS + 1));
    await waitFor(() => recordsOf(status).some((outcome) => outcome.rule === 'comment-too-long'), { what: 'too long refused' });
    expect(readWallComments(wall.doc).get(key)?.text).toBe('Have you tried this in a pilot with tenants?');

    deleteMyComment(writer.doc, commentId);
    await waitFor(() => !readWallComments(wall.doc).has(key), { what: 'the comment gone' });
  });

  it('[#12.comments] nobody can change another person’s comment: their draft refuses the write', async () => {
    const owner = await rawDraft(server, board.boardId, supplier(0), disposables);
    const commentId = addMyComment(owner.doc, notes[0]!, 'My own comment');
    const key = `${supplier(0).personId}:${commentId}` as WallKey;
    await waitFor(() => readWallComments(wall.doc).has(key), { what: 'the comment on the wall' });
    // Another supplier opens the owner's draft and tries to change the comment: closed 4403, nothing applied.
    const intruder = disposables.add(await connectRaw(server.url, rooms.draft(board.boardId, supplier(0).personId), supplier(1).client), (client) => client.close());
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(owner.doc));
    (copy.getMap(DRAFT_ROOTS.comments).get(commentId) as Y.Map<unknown>).set('text', 'Changed by someone else');
    intruder.sendUpdate(Y.encodeStateAsUpdate(copy));
    expect((await closeOf(intruder)).code).toBe(4403);
    expect(readWallComments(wall.doc).get(key)?.text).toBe('My own comment');
  });

  it('[#12.comments] takes comments off the wall with their note, and puts a comment on a missing note on hold', async () => {
    const writer = await rawDraft(server, board.boardId, supplier(0), disposables);
    const status = await statusOf(server, board.boardId, supplier(0), disposables);
    const onMissing = addMyComment(writer.doc, `${supplier(1).personId}:noSuchNoteId0123456` as WallKey, 'On nothing');
    await waitFor(() => recordsOf(status).some((outcome) => outcome.recordId === onMissing && outcome.rule === 'note-not-on-wall'), { what: 'held' });
    expect(readWallComments(wall.doc).size).toBe(0);

    const onNote = addMyComment(writer.doc, notes[0]!, 'On a real note');
    const key = `${supplier(0).personId}:${onNote}` as WallKey;
    await waitFor(() => readWallComments(wall.doc).has(key), { what: 'the comment on the wall' });
    // The note's author withdraws the note (from another device of theirs): its comments go with it.
    const authorDraft = await device(server, rooms.draft(board.boardId, supplier(2).personId), supplier(2), disposables);
    deleteDraftNote(authorDraft.doc, notes[0]!.split(':')[1]!);
    await waitFor(() => !readWallComments(wall.doc).has(key), { what: 'the comment gone with its note' });
    await waitFor(() => recordsOf(status).some((outcome) => outcome.recordId === onNote && outcome.rule === 'note-not-on-wall'), { what: 'told' });
  });
});
