/**
 * Groups of notes ("clusters") that officers make within one problem or stage, in the brief (issue 12,
 * grouping). Two roots, both written only by officers (the brief is read-only to everyone else, so a
 * participant's write is refused whole with 4403 at the connection):
 *  - `clusters`: Y.Map<clusterId, Y.Map{ title: string, targetId: string, createdAt: number }>;
 *  - `placements`: Y.Map<wallKey, clusterId>. Keyed by the note, so a note is in at most one cluster.
 * Readers are tolerant and bounded: records of the wrong shape are skipped, titles are cleaned and cut to
 * `MAX_CLUSTER_TITLE_CHARS`, and a placement counts only when its cluster exists AND belongs to the note's
 * own problem or stage (a note its author moved elsewhere simply shows as not grouped there).
 * Writers refuse what the reader would have to repair (RangeError), so the officer's form can say why.
 */
import * as Y from 'yjs';
import { isWellFormedId } from '../ids.js';
import { findHiddenCharacter } from '../text/hiddenCharacters.js';
import { newRecordId } from './recordId.js';
import { BRIEF_ROOTS } from './roots.js';
import { parseWallKey } from './wall.js';

/** Longest cluster title, in UTF-16 code units (a heading, not a paragraph). */
export const MAX_CLUSTER_TITLE_CHARS = 120;
/** Most clusters read per problem or stage: more than a wall can show usefully; later ones are ignored. */
export const MAX_CLUSTERS_PER_TARGET = 100;
/** What a cluster whose stored title is empty (after cleaning) is called. */
export const UNTITLED_CLUSTER = 'Untitled group';

/** A cluster as plain data. */
export interface ClusterRecord {
  id: string;
  /** Cleaned for display: hidden characters removed, trimmed, at most `MAX_CLUSTER_TITLE_CHARS`. */
  title: string;
  /** The problem or stage it belongs to. */
  targetId: string;
  /** ms epoch on the officer's device; clusters show oldest first (ties by id). */
  createdAt: number;
}

/** Every valid cluster and placement of a brief. */
export interface ClusterState {
  /** Clusters per target id, oldest first. */
  clustersByTarget: ReadonlyMap<string, readonly ClusterRecord[]>;
  /** Clusters by id (only those in `clustersByTarget`). */
  clustersById: ReadonlyMap<string, ClusterRecord>;
  /** Placement of each note (wall key → cluster id), only for keys that are well formed and clusters that exist. */
  placements: ReadonlyMap<string, string>;
}

/** A shared empty list, so a lane with no groups does not get a new array on every read. */
export const NO_CLUSTERS: readonly ClusterRecord[] = [];

/** The state of a brief with no groups (also what the client shows before the brief has loaded). */
export const EMPTY_CLUSTER_STATE: ClusterState = { clustersByTarget: new Map(), clustersById: new Map(), placements: new Map() };

function clustersOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BRIEF_ROOTS.clusters);
}

function placementsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BRIEF_ROOTS.placements);
}

/** Characters the one-line text rule refuses, removed (global form of `findHiddenCharacter`'s one-line class). */
const HIDDEN_ONE_LINE_GLOBAL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu;

/** A stored title made safe to show: hidden characters dropped, spaces collapsed, trimmed, bounded. */
export function cleanClusterTitle(raw: unknown): string {
  if (typeof raw !== 'string') return UNTITLED_CLUSTER;
  const cleaned = raw.replace(HIDDEN_ONE_LINE_GLOBAL, '').replace(/\s+/g, ' ').trim().slice(0, MAX_CLUSTER_TITLE_CHARS).trim();
  return cleaned === '' ? UNTITLED_CLUSTER : cleaned;
}

/**
 * Why `title` may not be a cluster title, in a sentence for the officer, or null when it may. Shared by
 * the form (which says it) and the writers (which refuse it).
 */
export function clusterTitleProblem(title: string): string | null {
  const trimmed = title.trim();
  if (trimmed === '') return 'Enter a name for the group';
  if (trimmed.length > MAX_CLUSTER_TITLE_CHARS) return `Group name must be ${MAX_CLUSTER_TITLE_CHARS} characters or fewer`;
  const hidden = findHiddenCharacter(trimmed, 'one-line');
  if (hidden !== null) return `Group name contains a hidden character (${hidden.name}, ${hidden.codePoint}). Remove it, or type the name again.`;
  return null;
}

function checkedTitle(title: string): string {
  const problem = clusterTitleProblem(title);
  if (problem !== null) throw new RangeError(problem);
  return title.trim();
}

function readCluster(id: string, value: unknown): ClusterRecord | null {
  if (!isWellFormedId(id) || !(value instanceof Y.Map)) return null;
  const record = value as Y.Map<unknown>;
  const targetId = record.get('targetId');
  if (!isWellFormedId(targetId)) return null;
  const createdAt = record.get('createdAt');
  return {
    id,
    title: cleanClusterTitle(record.get('title')),
    targetId,
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
  };
}

function compareClusters(a: ClusterRecord, b: ClusterRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Reads the clusters and placements of a brief. Malformed records are skipped. */
export function readClusterState(doc: Y.Doc): ClusterState {
  const byTarget = new Map<string, ClusterRecord[]>();
  clustersOf(doc).forEach((value, id) => {
    const cluster = readCluster(id, value);
    if (cluster === null) return;
    const list = byTarget.get(cluster.targetId);
    if (list) list.push(cluster);
    else byTarget.set(cluster.targetId, [cluster]);
  });
  const clustersById = new Map<string, ClusterRecord>();
  for (const [targetId, list] of byTarget) {
    const kept = list.sort(compareClusters).slice(0, MAX_CLUSTERS_PER_TARGET);
    byTarget.set(targetId, kept);
    for (const cluster of kept) clustersById.set(cluster.id, cluster);
  }
  const placements = new Map<string, string>();
  placementsOf(doc).forEach((clusterId, key) => {
    if (typeof clusterId === 'string' && clustersById.has(clusterId) && parseWallKey(key) !== null) placements.set(key, clusterId);
  });
  return { clustersByTarget: byTarget, clustersById, placements };
}

/**
 * The cluster a note is in, or null: only when its placement names a cluster of the note's own
 * problem or stage (`targetId`).
 */
export function clusterOfNote(state: ClusterState, wallKey: string, targetId: string): ClusterRecord | null {
  const clusterId = state.placements.get(wallKey);
  const cluster = clusterId === undefined ? undefined : state.clustersById.get(clusterId);
  return cluster !== undefined && cluster.targetId === targetId ? cluster : null;
}

/** One lane's notes split by cluster: each cluster (oldest first, even when empty) with its notes, then the rest. */
export interface GroupedNotes<Note> {
  groups: Array<{ cluster: ClusterRecord; notes: Note[] }>;
  ungrouped: Note[];
}

/** Splits the notes of problem or stage `targetId` by cluster, keeping their order within each part. */
export function groupNotesByCluster<Note>(
  state: ClusterState,
  targetId: string,
  notes: readonly Note[],
  wallKeyOf: (note: Note) => string,
): GroupedNotes<Note> {
  const groups = (state.clustersByTarget.get(targetId) ?? []).map((cluster) => ({ cluster, notes: [] as Note[] }));
  const byId = new Map(groups.map((group) => [group.cluster.id, group]));
  const ungrouped: Note[] = [];
  for (const note of notes) {
    const cluster = clusterOfNote(state, wallKeyOf(note), targetId);
    const group = cluster === null ? undefined : byId.get(cluster.id);
    if (group) group.notes.push(note);
    else ungrouped.push(note);
  }
  return { groups, ungrouped };
}

/**
 * Officers only: makes a cluster in problem or stage `targetId` and returns its id. Throws RangeError
 * when the title is empty, too long or holds a hidden character, or `targetId` is not a well-formed id.
 */
export function createCluster(doc: Y.Doc, fields: { title: string; targetId: string }, now: number = Date.now()): string {
  const title = checkedTitle(fields.title);
  if (!isWellFormedId(fields.targetId)) throw new RangeError('A group belongs to a problem or a stage');
  const id = newRecordId();
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    clustersOf(doc).set(id, record);
    record.set('title', title);
    record.set('targetId', fields.targetId);
    record.set('createdAt', now);
  });
  return id;
}

/** Officers only: renames a cluster. False when there is no such cluster; RangeError on a bad title. */
export function renameCluster(doc: Y.Doc, clusterId: string, title: string): boolean {
  const checked = checkedTitle(title);
  const record = clustersOf(doc).get(clusterId);
  if (!(record instanceof Y.Map)) return false;
  record.set('title', checked);
  return true;
}

/** Officers only: removes a cluster and every placement into it, in one transaction. The notes stay, ungrouped. */
export function dissolveCluster(doc: Y.Doc, clusterId: string): boolean {
  const clusters = clustersOf(doc);
  if (!clusters.has(clusterId)) return false;
  doc.transact(() => {
    clusters.delete(clusterId);
    const placements = placementsOf(doc);
    for (const [key, value] of [...placements.entries()]) if (value === clusterId) placements.delete(key);
  });
  return true;
}

/**
 * Officers only: puts the note `wallKey` into cluster `clusterId`, taking it out of any other (one
 * placement per note). False, changing nothing, when the key is not a wall key or there is no such cluster.
 */
export function placeNote(doc: Y.Doc, wallKey: string, clusterId: string): boolean {
  if (parseWallKey(wallKey) === null || readCluster(clusterId, clustersOf(doc).get(clusterId)) === null) return false;
  const placements = placementsOf(doc);
  if (placements.get(wallKey) !== clusterId) placements.set(wallKey, clusterId);
  return true;
}

/** Officers only: takes the note `wallKey` out of its cluster. False when it was in none. */
export function unplaceNote(doc: Y.Doc, wallKey: string): boolean {
  const placements = placementsOf(doc);
  if (!placements.has(wallKey)) return false;
  placements.delete(wallKey);
  return true;
}
