/**
 * A problem statement a supplier can act on (issue 13): optional fields on each problem record of the
 * brief, beside its title and body (shared/schema/problems.ts). Free text fields are Y.Text (officers type
 * them live like the others); the stage and the value band are one of a fixed set, stored as plain strings.
 * Readers are tolerant: a missing or unknown value reads as not given (null or '').
 */
import * as Y from 'yjs';
import { BRIEF_ROOTS } from './roots.js';
import { recordOf, textFieldOf, textOf } from './orderedRecords.js';

/** Free text details, in the order the officer's form shows them. */
export const PROBLEM_DETAIL_TEXT_FIELDS = ['outcomeSought', 'routeToMarket', 'timing'] as const;
export type ProblemDetailTextField = (typeof PROBLEM_DETAIL_TEXT_FIELDS)[number];

export const PROBLEM_DETAIL_LABELS: Record<ProblemDetailTextField | 'projectStage' | 'valueBand', string> = {
  outcomeSought: 'Outcome sought',
  projectStage: 'Project stage',
  valueBand: 'Indicative value',
  routeToMarket: 'Likely route to market',
  timing: 'Timing',
};

/** Project stages (GOV.UK service phases). */
export const PROJECT_STAGES = ['discovery', 'alpha', 'beta', 'live'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Record<ProjectStage, string> = { discovery: 'Discovery', alpha: 'Alpha', beta: 'Beta', live: 'Live' };

/** Indicative value bands, a fixed set so boards can be compared. */
export const VALUE_BANDS = ['under-25k', '25k-100k', '100k-500k', '500k-2m', 'over-2m', 'not-known'] as const;
export type ValueBand = (typeof VALUE_BANDS)[number];
export const VALUE_BAND_LABELS: Record<ValueBand, string> = {
  'under-25k': 'Under £25,000',
  '25k-100k': '£25,000 to £100,000',
  '100k-500k': '£100,000 to £500,000',
  '500k-2m': '£500,000 to £2 million',
  'over-2m': 'Over £2 million',
  'not-known': 'Not known yet',
};

export interface ProblemDetails {
  outcomeSought: string;
  projectStage: ProjectStage | null;
  valueBand: ValueBand | null;
  routeToMarket: string;
  timing: string;
}

/** Details of a problem with none given. */
export const NO_DETAILS: ProblemDetails = Object.freeze({ outcomeSought: '', projectStage: null, valueBand: null, routeToMarket: '', timing: '' });

/** Every problem's details, by problem id (tolerant: records that are not maps are skipped). */
export function readAllProblemDetails(doc: Y.Doc): Map<string, ProblemDetails> {
  const found = new Map<string, ProblemDetails>();
  doc.getMap<unknown>(BRIEF_ROOTS.problems).forEach((value, id) => {
    if (value instanceof Y.Map) found.set(id, readProblemDetailsOf(value as Y.Map<unknown>));
  });
  return found;
}

function problemRecord(doc: Y.Doc, problemId: string): Y.Map<unknown> | undefined {
  return recordOf(doc.getMap<unknown>(BRIEF_ROOTS.problems), problemId);
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** The details of one problem record (tolerant). */
export function readProblemDetailsOf(record: Y.Map<unknown>): ProblemDetails {
  return {
    outcomeSought: textOf(record, 'outcomeSought'),
    projectStage: oneOf(PROJECT_STAGES, record.get('projectStage')),
    valueBand: oneOf(VALUE_BANDS, record.get('valueBand')),
    routeToMarket: textOf(record, 'routeToMarket'),
    timing: textOf(record, 'timing'),
  };
}

/** The details of a problem of the brief; all empty when there is no such problem. */
export function readProblemDetails(doc: Y.Doc, problemId: string): ProblemDetails {
  const record = problemRecord(doc, problemId);
  return record ? readProblemDetailsOf(record) : NO_DETAILS;
}

/**
 * The Y.Text of a detail field for an editor, made on first use (problems made before these fields existed
 * have none). Null when there is no such problem.
 */
export function problemDetailText(doc: Y.Doc, problemId: string, field: ProblemDetailTextField): Y.Text | null {
  const record = problemRecord(doc, problemId);
  if (!record) return null;
  const existing = textFieldOf(record, field);
  if (existing) return existing;
  const text = new Y.Text();
  record.set(field, text);
  return text;
}

/** Sets (or with null, clears) the stage or value band of a problem. False when there is no such problem. */
export function setProblemChoice(doc: Y.Doc, problemId: string, field: 'projectStage' | 'valueBand', value: string | null): boolean {
  const record = problemRecord(doc, problemId);
  if (!record) return false;
  if (value === null) record.delete(field);
  else record.set(field, value);
  return true;
}
