/**
 * The brief's `problems` root: Y.Map<problemId, Y.Map{ title, body, userNeeds, constraints: Y.Text,
 * order: number }>. Problems are ordered by `order` (see `orderedRecords.ts`). A problem id is a
 * valid target of a note.
 */
import * as Y from 'yjs';
import { briefText } from './briefText.js';
import { BRIEF_ROOTS } from './roots.js';
import { newRecordId } from './recordId.js';
import {
  ORDER_FIELD,
  moveEntry,
  removeEntry,
  orderForIndex,
  recordOf,
  sortedEntries,
  textFieldOf,
  textOf,
} from './orderedRecords.js';

/** The Y.Text fields of a problem, in the order the officer's form shows them. */
export const PROBLEM_TEXT_FIELDS = ['title', 'body', 'userNeeds', 'constraints'] as const;
export type ProblemTextField = (typeof PROBLEM_TEXT_FIELDS)[number];

/** A problem as plain data, read from the brief. */
export interface ProblemRecord {
  id: string;
  title: string;
  body: string;
  userNeeds: string;
  constraints: string;
  /** Position among problems: smaller first. +Infinity when the record has none. */
  order: number;
}

/** Initial text of a new problem; every field defaults to ''. */
export type NewProblem = Partial<Record<ProblemTextField, string>>;

function problemsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BRIEF_ROOTS.problems);
}

/** Every problem of the brief as plain data, sorted by order (ties by id). */
export function readProblems(doc: Y.Doc): ProblemRecord[] {
  return sortedEntries(problemsOf(doc)).map(({ id, record, order }) => ({
    id,
    title: textOf(record, 'title'),
    body: textOf(record, 'body'),
    userNeeds: textOf(record, 'userNeeds'),
    constraints: textOf(record, 'constraints'),
    order,
  }));
}

/**
 * Adds a problem at `position` (index in the sorted list; default: last) and returns its new id.
 * Throws RangeError when a text is over `MAX_BRIEF_TEXT_CHARS`.
 */
export function addProblem(doc: Y.Doc, fields: NewProblem = {}, position?: number): string {
  const texts = PROBLEM_TEXT_FIELDS.map((field) => [field, briefText(fields[field], field)] as const);
  const id = newRecordId();
  doc.transact(() => {
    const problems = problemsOf(doc);
    const siblings = sortedEntries(problems);
    const record = new Y.Map<unknown>();
    problems.set(id, record);
    for (const [field, text] of texts) record.set(field, text);
    record.set(ORDER_FIELD, orderForIndex(siblings, position ?? siblings.length));
  });
  return id;
}

/** Moves a problem to `newIndex` in the sorted list. False when there is no such problem. */
export function moveProblem(doc: Y.Doc, problemId: string, newIndex: number): boolean {
  return moveEntry(problemsOf(doc), problemId, newIndex);
}

/** Removes a problem. False when there was no such problem. Notes aimed at it stay in drafts. */
export function removeProblem(doc: Y.Doc, problemId: string): boolean {
  return removeEntry(problemsOf(doc), problemId);
}

/** The Y.Text of one field of a problem, for binding to an editor; null when there is no such problem. */
export function problemText(doc: Y.Doc, problemId: string, field: ProblemTextField): Y.Text | null {
  return textFieldOf(recordOf(problemsOf(doc), problemId), field);
}
