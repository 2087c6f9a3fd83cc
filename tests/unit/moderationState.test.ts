import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModerationState } from '../../server/moderation/ModerationState.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { ModerationActionRecord } from '../../server/store/store.js';

const ALICE = 'alice-person-id-0001';
const BOB = 'bob-person-id-000001';

function action(overrides: Partial<ModerationActionRecord>): ModerationActionRecord {
  return { boardId: 'board-id-00000000001', kind: 'note', key: `${ALICE}:note-id-00000000001`, action: 'hide', reason: 'offensive', detail: '', officerId: 'officer-id-000000001', at: 1, ...overrides };
}

const opened: Array<{ store: SqliteStore; dir: string }> = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The state a board loads from a real store holding these actions. */
async function stateWith(actions: ModerationActionRecord[]): Promise<ModerationState> {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-moderation-'));
  const store = SqliteStore.inDataDir(dir);
  opened.push({ store, dir });
  await store.appendModerationActions(actions);
  return ModerationState.load(store, 'board-id-00000000001');
}

describe('[#12.moderation] the room’s moderation state', () => {
  it('[#12.moderation] gives each author their hidden notes by note id, and comments by wall key', async () => {
    const state = await stateWith([
      action({}),
      action({ key: `${BOB}:note-id-00000000002`, reason: 'duplicate' }),
      action({ kind: 'comment', key: `${ALICE}:comment-id-000000001`, reason: 'off-topic', detail: 'Stay on stage 2.' }),
    ]);
    expect(state.hiddenNotesOf(ALICE)).toEqual(new Map([['note-id-00000000001', 'An officer hid this note: it is offensive.']]));
    expect([...state.hiddenNotesOf(BOB).keys()]).toEqual(['note-id-00000000002']);
    expect(state.hiddenCommentsOf(ALICE).get('comment-id-000000001')).toBe('An officer hid this comment: it is off-topic. Stay on stage 2.');
    expect(state.hiddenCommentsByKey()).toEqual(new Map([[`${ALICE}:comment-id-000000001`, 'An officer hid this comment: it is off-topic. Stay on stage 2.']]));
  });

  it('[#12.moderation] a restore shows the item again; a second hide replaces the reason', async () => {
    const state = await stateWith([action({})]);
    state.apply(action({ reason: 'personal-data', at: 2 }));
    expect(state.hiddenNotesOf(ALICE).get('note-id-00000000001')).toBe('An officer hid this note: it contains personal data.');
    state.apply(action({ action: 'restore', reason: null, at: 3 }));
    expect(state.isHidden('note', `${ALICE}:note-id-00000000001`)).toBe(false);
    expect(state.hiddenNotesOf(ALICE).size).toBe(0);
  });
});
