/**
 * The published record's downloads. JSON: the `PublishedRecord` as stored (licence, date and final hash
 * included). CSV: one row per note, formula-safe like the officers' CSV, with no hidden-note columns and a
 * Licence column, so the licence travels with every row a spreadsheet keeps.
 */
import { stringify } from 'csv-stringify/sync';
import { csvRowOf, CSV_COLUMNS } from '../export/csvExport.js';
import { OPEN_GOVERNMENT_LICENCE, type PublishedRecord } from './publicRecord.js';

/** Officers' columns the public CSV leaves out (it has no hidden notes and no organisations). */
const LEFT_OUT = new Set<string>(['Organisation', 'Hidden', 'Hidden reason']);
const KEPT = CSV_COLUMNS.map((column, index) => ({ column, index })).filter(({ column }) => !LEFT_OUT.has(column));

export const PUBLIC_CSV_COLUMNS = [...KEPT.map(({ column }) => column), 'Published', 'Licence'];

export function publicCsv(published: PublishedRecord): string {
  const licence = `${OPEN_GOVERNMENT_LICENCE.name} ${OPEN_GOVERNMENT_LICENCE.url}`;
  const rows = published.record.notes.map((note) => {
    const row = csvRowOf(note);
    return [...KEPT.map(({ index }) => row[index]), published.publishedAt, licence];
  });
  return stringify(rows, { header: true, columns: PUBLIC_CSV_COLUMNS, bom: true, record_delimiter: 'windows', escape_formulas: true });
}

export function publicJson(published: PublishedRecord): string {
  return `${JSON.stringify(published, null, 2)}\n`;
}
