/**
 * The four export formats officers download, with what each response says about itself. The order is the
 * order the client lists them in (shared/protocol/exports.ts has the same names for the client).
 */
import type { Writable } from 'node:stream';
import type { BoardRecord } from './boardRecord.js';
import { writeCsv } from './csvExport.js';
import { HTML_REPORT_CSP, renderHtmlReport } from './htmlReport.js';
import { renderMarkdownReport } from './markdownReport.js';

export interface ExportFormat {
  extension: string;
  contentType: string;
  /** Extra Content-Security-Policy for this response (the HTML report brings its own stylesheet). */
  contentSecurityPolicy?: string;
  /** Writes the export into `output` and ends it. */
  write(record: BoardRecord, output: Writable): Promise<void>;
}

function writeText(text: string, output: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    output.once('error', reject);
    output.end(text, () => resolve());
  });
}

export const EXPORT_FORMATS = {
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8; header=present', write: writeCsv },
  json: {
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    write: (record, output) => writeText(`${JSON.stringify(record, null, 2)}\n`, output),
  },
  html: {
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    contentSecurityPolicy: HTML_REPORT_CSP,
    write: (record, output) => writeText(renderHtmlReport(record), output),
  },
  md: {
    extension: 'md',
    contentType: 'text/markdown; charset=utf-8',
    write: (record, output) => writeText(renderMarkdownReport(record), output),
  },
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatName = keyof typeof EXPORT_FORMATS;

export function isExportFormatName(value: unknown): value is ExportFormatName {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value);
}

/**
 * The download's file name: the board's title made safe for any file system (ASCII letters, digits and
 * dashes, at most 60), then the date, e.g. `future-of-library-services-2026-12-03.csv`.
 */
export function exportFileName(title: string, exportedAt: number, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const date = new Date(exportedAt).toISOString().slice(0, 10);
  return `${slug || 'board'}-${date}.${extension}`;
}
