import { boardExportUrl } from '../net/api.js';

interface ExportSectionProps {
  boardId: string;
}

/** The four downloads, in the order an officer usually needs them, each said in plain English. */
const DOWNLOADS = [
  {
    format: 'html',
    label: 'Report to read or print (HTML)',
    hint: 'The ideas grouped by problem, stage and cluster, with vote counts and comments. Open it in a browser; to make a PDF, print it and choose “Save as PDF”.',
  },
  {
    format: 'csv',
    label: 'Spreadsheet (CSV)',
    hint: 'One row per idea: problem or stage, cluster, author, organisation, votes, reactions, number of comments, when it was posted and last edited, and whether an officer hid it and why. Opens in Excel, Numbers or LibreOffice.',
  },
  {
    format: 'md',
    label: 'Report as plain text (Markdown)',
    hint: 'The same report as the HTML one, for a wiki, a shared document or a code repository.',
  },
  {
    format: 'json',
    label: 'Everything, for other systems (JSON)',
    hint: 'The whole board in a documented format, for analysis tools or your records system.',
  },
] as const;

/**
 * "Export": officers download the board for the market-engagement record. Plain links: the browser
 * downloads each file with the officer's session (the server checks they are an officer of this board).
 */
export function ExportSection({ boardId }: ExportSectionProps) {
  return (
    <section className="section settings-section" aria-labelledby="export-heading">
      <h2 className="heading-l" id="export-heading">
        Export
      </h2>
      <p className="body">
        Download the board for your market-engagement record. Each download shows the board as it is now: every idea on
        the wall and every idea an officer hid, with who wrote it and their organisation.
      </p>
      <div className="inset-text">
        <p className="body">
          Downloads never include email addresses or ideas marked “confidential to the council”. They name authors even
          when the board is anonymous, so keep them within the council unless you remove the names.
        </p>
      </div>
      <ul className="list export-list">
        {DOWNLOADS.map((download) => (
          <li key={download.format} className="export-list__item">
            <a className="export-list__link" href={boardExportUrl(boardId, download.format)} download aria-describedby={`export-hint-${download.format}`}>
              {download.label}
            </a>
            <p className="hint export-list__hint" id={`export-hint-${download.format}`}>
              {download.hint}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
