import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MAX_CLUSTER_TITLE_CHARS,
  UNTITLED_CLUSTER,
  clusterOfNote,
  clusterTitleProblem,
  createCluster,
  dissolveCluster,
  groupNotesByCluster,
  placeNote,
  readClusterState,
  renameCluster,
  unplaceNote,
} from '../../shared/schema/clusters.js';
import { newRecordId } from '../../shared/schema/recordId.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';

const problemId = newRecordId();
const stageId = newRecordId();
const key = (noteId = newRecordId(), personId = 'personAAAAAAAAAAAAAAA') => `${personId}:${noteId}`;

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('clusters in the brief', () => {
  it('[#12.grouping] a cluster made, renamed and read back on another copy keeps its title, problem and time', () => {
    const doc = new Y.Doc();
    const id = createCluster(doc, { title: '  Scheduling ideas ', targetId: problemId }, 1_000);
    expect(renameCluster(doc, id, 'Booking and scheduling')).toBe(true);
    const state = readClusterState(copyOf(doc));
    expect(state.clustersByTarget.get(problemId)).toEqual([{ id, title: 'Booking and scheduling', targetId: problemId, createdAt: 1_000 }]);
    expect(renameCluster(doc, newRecordId(), 'No such group')).toBe(false);
  });

  it('[#12.grouping] clusters of a lane are read oldest first, and each lane only has its own', () => {
    const doc = new Y.Doc();
    const later = createCluster(doc, { title: 'Later', targetId: problemId }, 2_000);
    const earlier = createCluster(doc, { title: 'Earlier', targetId: problemId }, 1_000);
    const inStage = createCluster(doc, { title: 'Stage group', targetId: stageId }, 500);
    const state = readClusterState(doc);
    expect(state.clustersByTarget.get(problemId)?.map((cluster) => cluster.id)).toEqual([earlier, later]);
    expect(state.clustersByTarget.get(stageId)?.map((cluster) => cluster.id)).toEqual([inStage]);
  });

  it('[#12.grouping] writers refuse empty, over-long and hidden-character titles and a malformed target', () => {
    const doc = new Y.Doc();
    expect(() => createCluster(doc, { title: '   ', targetId: problemId })).toThrow(RangeError);
    expect(() => createCluster(doc, { title: 'x'.repeat(MAX_CLUSTER_TITLE_CHARS + 1), targetId: problemId })).toThrow(/120 characters/);
    expect(() => createCluster(doc, { title: 'Sneaky\u200bname', targetId: problemId })).toThrow(/zero-width space/);
    expect(() => createCluster(doc, { title: 'Fine', targetId: 'bad:id' })).toThrow(RangeError);
    const id = createCluster(doc, { title: 'Fine', targetId: problemId });
    expect(() => renameCluster(doc, id, 'Right\u202eto left')).toThrow(RangeError);
    expect(doc.getMap(BRIEF_ROOTS.clusters).size).toBe(1);
    expect(clusterTitleProblem('x'.repeat(MAX_CLUSTER_TITLE_CHARS))).toBeNull();
  });

  it('[#12.grouping] bad records written by a careless client are ignored or cleaned, never thrown on', () => {
    const doc = new Y.Doc();
    const good = createCluster(doc, { title: 'Good', targetId: problemId }, 5);
    const clusters = doc.getMap<unknown>(BRIEF_ROOTS.clusters);
    const placements = doc.getMap<unknown>(BRIEF_ROOTS.placements);
    doc.transact(() => {
      clusters.set(newRecordId(), { title: 'plain object, not a Y.Map', targetId: problemId, createdAt: 1 });
      clusters.set('not an id!', new Y.Map([['title', 'Bad id'], ['targetId', problemId]]));
      clusters.set(newRecordId(), new Y.Map<unknown>([['title', 'No target']]));
      const messy = new Y.Map<unknown>([
        ['title', `\u202e${'Long '.repeat(60)}`],
        ['targetId', problemId],
        ['createdAt', Number.NaN],
      ]);
      clusters.set('messyClusterId000000001', messy);
      clusters.set('emptyTitleCluster000001', new Y.Map<unknown>([['title', 42], ['targetId', problemId], ['createdAt', 9]]));
      placements.set(key(), 'no-such-cluster-id-000000');
      placements.set('not-a-wall-key', good);
      placements.set(key(), 17);
    });
    const state = readClusterState(doc);
    const list = state.clustersByTarget.get(problemId) ?? [];
    expect(list.map((cluster) => cluster.id).sort()).toEqual([good, 'messyClusterId000000001', 'emptyTitleCluster000001'].sort());
    const messy = state.clustersById.get('messyClusterId000000001');
    expect(messy?.title.length).toBeLessThanOrEqual(MAX_CLUSTER_TITLE_CHARS);
    expect(messy?.title.startsWith('Long Long')).toBe(true);
    expect(messy?.createdAt).toBe(0);
    expect(state.clustersById.get('emptyTitleCluster000001')?.title).toBe(UNTITLED_CLUSTER);
    expect(state.placements.size).toBe(0);
  });

  it('[#12.grouping] a note is in one group at most: placing it again moves it', () => {
    const doc = new Y.Doc();
    const first = createCluster(doc, { title: 'First', targetId: problemId }, 1);
    const second = createCluster(doc, { title: 'Second', targetId: problemId }, 2);
    const note = key();
    expect(placeNote(doc, note, first)).toBe(true);
    expect(placeNote(doc, note, second)).toBe(true);
    const state = readClusterState(doc);
    expect(clusterOfNote(state, note, problemId)?.id).toBe(second);
    const grouped = groupNotesByCluster(state, problemId, [note], (wallKey) => wallKey);
    expect(grouped.groups.map((group) => [group.cluster.title, group.notes])).toEqual([
      ['First', []],
      ['Second', [note]],
    ]);
    expect(unplaceNote(doc, note)).toBe(true);
    expect(unplaceNote(doc, note)).toBe(false);
    expect(clusterOfNote(readClusterState(doc), note, problemId)).toBeNull();
  });

  it('[#12.grouping] placing refuses a malformed key or a group that does not exist', () => {
    const doc = new Y.Doc();
    const cluster = createCluster(doc, { title: 'Group', targetId: problemId });
    expect(placeNote(doc, 'nonsense', cluster)).toBe(false);
    expect(placeNote(doc, key(), newRecordId())).toBe(false);
    expect(doc.getMap(BRIEF_ROOTS.placements).size).toBe(0);
  });

  it('[#12.grouping] dissolving a group removes it and every placement into it, in one transaction', () => {
    const doc = new Y.Doc();
    const doomed = createCluster(doc, { title: 'Doomed', targetId: problemId });
    const kept = createCluster(doc, { title: 'Kept', targetId: problemId });
    const [a, b, c] = [key(), key(), key()];
    placeNote(doc, a, doomed);
    placeNote(doc, b, doomed);
    placeNote(doc, c, kept);
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    expect(dissolveCluster(doc, doomed)).toBe(true);
    expect(transactions).toBe(1);
    expect(doc.getMap(BRIEF_ROOTS.placements).toJSON()).toEqual({ [c]: kept });
    const grouped = groupNotesByCluster(readClusterState(doc), problemId, [a, b, c], (wallKey) => wallKey);
    expect(grouped.groups.map((group) => group.cluster.id)).toEqual([kept]);
    expect(grouped.ungrouped).toEqual([a, b]);
    expect(dissolveCluster(doc, doomed)).toBe(false);
  });

  it('[#12.grouping] a placement into a group of another problem or stage is ignored (the note moved lanes)', () => {
    const doc = new Y.Doc();
    const stageGroup = createCluster(doc, { title: 'Stage group', targetId: stageId });
    const note = key();
    placeNote(doc, note, stageGroup);
    const state = readClusterState(doc);
    expect(clusterOfNote(state, note, problemId)).toBeNull();
    expect(groupNotesByCluster(state, problemId, [note], (wallKey) => wallKey)).toEqual({ groups: [], ungrouped: [note] });
    expect(clusterOfNote(state, note, stageId)?.id).toBe(stageGroup);
  });
});
