/**
 * [#15] A stage or problem that reaches the brief while the publisher is between deciding a note for it
 * and noting who waits on the brief (the tick waits one event-loop turn there, off the note's way) must
 * still publish the note. `briefChanged` found nobody waiting yet; without a second look the note stayed
 * deferred until some other change (seen as a 20 s timeout in the three-instance test under load).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.js';
import { WallPublisher } from '../../server/rooms/WallPublisher.js';
import { setPhase } from '../../shared/schema/briefMeta.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';

const AUTHOR = 'author-person-000001';

/** Lets every queued microtask run (the tick's steps up to its wait for the next event-loop turn). */
async function drainMicrotasks(): Promise<void> {
  for (let index = 0; index < 50; index += 1) await Promise.resolve();
}

describe('[#15] the publisher and a brief that changes mid-tick', () => {
  it('publishes a note whose problem arrives while the tick that deferred it is finishing', async () => {
    const brief = new Y.Doc();
    setPhase(brief, 'open');
    const wall = new Y.Doc();
    const draft = new Y.Doc();
    const publisher = new WallPublisher({
      boardId: 'board-id-000000000001',
      brief,
      wall,
      draftOf: (personId) => (personId === AUTHOR ? draft : null),
      identityOf: async (personId) => ({ personId, name: 'Sam', organisation: 'Small Co', role: 'participant' }),
      notices: { noteStatusChanged: () => {} },
      audit: { record: () => {} },
      log: createLogger('silent'),
    });
    // The officer's copy of the brief gains the problem; the server's copy does not have it yet.
    const officersBrief = new Y.Doc();
    Y.applyUpdate(officersBrief, Y.encodeStateAsUpdate(brief));
    const problemId = addProblem(officersBrief, { title: 'Repairs need second visits' });
    addDraftNote(draft, { text: 'Book the second visit at the first', targetId: problemId });

    publisher.draftChanged(AUTHOR);
    await drainMicrotasks();
    expect(publisher.decisionsStarted).toBe(1);
    expect(readWallNotes(wall).size).toBe(0);
    // The problem arrives now, as BoardRoom hears it: the brief changes, then `briefChanged`.
    Y.applyUpdate(brief, Y.encodeStateAsUpdate(officersBrief));
    publisher.briefChanged();

    await new Promise((resolve) => setTimeout(resolve, 50));
    await publisher.flush();
    expect([...readWallNotes(wall).values()].map((note) => note.text)).toEqual(['Book the second visit at the first']);
    publisher.destroy();
  });
});
