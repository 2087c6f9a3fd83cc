/**
 * How the notes of each problem and stage are ordered (issue 12, sort). Each option is one comparator,
 * plus whether notes are shown under their groups' headings. Comparators get the wall's vote counts by
 * note key ("Most votes"; while votes are hidden until voting closes, every count reads 0 and the order
 * falls back to oldest first).
 */
import type { LaneNote } from './laneNotes.js';

/** A note's vote count on the wall, by its wall key (0 when none or hidden). */
export type VotesOf = (wallKey: string) => number;

export interface NoteSort {
  label: string;
  /** Order of notes within the list (or within each group when `isGrouped`). */
  compare(a: LaneNote, b: LaneNote, votesOf: VotesOf): number;
  /** Show notes under their group's heading, then "Not grouped". */
  isGrouped: boolean;
}

function byKey(a: LaneNote, b: LaneNote): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const oldestFirst = (a: LaneNote, b: LaneNote) => a.createdAt - b.createdAt || byKey(a, b);
const newestFirst = (a: LaneNote, b: LaneNote) => b.createdAt - a.createdAt || byKey(a, b);
const mostVotesFirst = (a: LaneNote, b: LaneNote, votesOf: VotesOf) => votesOf(b.wallKey) - votesOf(a.wallKey) || oldestFirst(a, b);

/** The choices, in the order the control lists them. */
export const NOTE_SORTS = {
  newest: { label: 'Newest', compare: newestFirst, isGrouped: false },
  oldest: { label: 'Oldest', compare: oldestFirst, isGrouped: false },
  group: { label: 'Group', compare: oldestFirst, isGrouped: true },
  votes: { label: 'Most votes', compare: mostVotesFirst, isGrouped: false },
} as const satisfies Record<string, NoteSort>;

export type NoteSortId = keyof typeof NOTE_SORTS;

/** Grouped, so that the officer's groups are what everyone sees first. */
export const DEFAULT_NOTE_SORT: NoteSortId = 'group';

export function isNoteSortId(value: unknown): value is NoteSortId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(NOTE_SORTS, value);
}

/** `notes` in the order of `sort` (a new array). */
export function sortNotes(notes: readonly LaneNote[], sort: NoteSortId, votesOf: VotesOf = () => 0): LaneNote[] {
  const { compare } = NOTE_SORTS[sort];
  return [...notes].sort((a, b) => compare(a, b, votesOf));
}
