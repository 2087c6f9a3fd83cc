/**
 * CSV export: one row per note, for a spreadsheet. Made with csv-stringify (RFC 4180 quoting, CRLF rows, a
 * UTF-8 byte order mark so spreadsheet programs read accents right) and FORMULA-SAFE: a text cell beginning
 * with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) gets a leading apostrophe,
 * so a note such as `=HYPERLINK(…)` is shown as text, never run (`escape_formulas`, OWASP "CSV injection").
 * Rows are streamed to the response with backpressure: a large board never sits in memory as one string.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { BoardRecord, ExportNote } from './boardRecord.js';
import { hiddenReasonLabel } from './hiddenReasons.js';

/** Column headers, in order, in plain English (none begins with a formula character). */
export const CSV_COLUMNS = [
  'Problem or stage',
  'Type',
  'Service map',
  'Cluster',
  'Author',
  'Organisation',
  'Votes',
  'Plus one',
  'Question',
  'We have done this',
  'Comments',
  'Created',
  'Last edited',
  'Hidden',
  'Hidden reason',
  'Text',
  'Note key',
  'Council answer',
  'Council reason',
] as const;

const TYPE_LABELS = { problem: 'Problem', stage: 'Stage', missing: 'Removed from the brief' } as const;

/** One note as a CSV row (numbers stay numbers; votes are empty while the board hides them). */
export function csvRowOf(note: ExportNote, councilAnswer?: { outcomeLabel: string; reason: string }): Array<string | number> {
  const reason = note.isHidden ? [hiddenReasonLabel(note.hiddenReason), note.hiddenReasonText].filter(Boolean).join(': ') : '';
  return [
    note.targetTitle,
    TYPE_LABELS[note.targetKind],
    note.serviceMapTitle ?? '',
    note.clusterTitle ?? '',
    note.authorName,
    note.authorOrganisation,
    note.votes ?? '',
    note.plusOne,
    note.question,
    note.doneThis,
    note.commentCount,
    note.createdAt,
    note.updatedAt,
    note.isHidden ? 'Yes' : 'No',
    reason,
    note.text,
    note.key,
    councilAnswer?.outcomeLabel ?? '',
    councilAnswer?.reason ?? '',
  ];
}

/** Writes the board's notes as CSV into `output` (ended afterwards); resolves when all is written. */
export async function writeCsv(record: BoardRecord, output: Writable): Promise<void> {
  const stringifier = stringify({
    header: true,
    columns: [...CSV_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
  });
  await pipeline(Readable.from(rowsOf(record), { objectMode: true }), stringifier, output);
}

function* rowsOf(record: BoardRecord): Generator<Array<string | number>> {
  // The council's answer to a note, or else to the cluster it is in (issue 13).
  const answers = new Map((record.councilAnswers ?? []).map((answer) => [`${answer.kind}:${answer.key}`, answer]));
  for (const note of record.notes) yield csvRowOf(note, answers.get(`note:${note.key}`) ?? (note.clusterId ? answers.get(`cluster:${note.clusterId}`) : undefined));
}
