/**
 * The published record of a board as a public page: the officers' HTML report of the PUBLIC record (the
 * same outline and sections, so sections other features add to the report appear here by themselves),
 * framed with the date, the licence, the downloads and the record log's final hash.
 */
import { escapeHtml, renderHtmlReport } from '../../export/htmlReport.js';
import { readableTime } from '../../export/reportOutline.js';
import { OPEN_GOVERNMENT_LICENCE, type PublishedRecord } from '../publicRecord.js';
import { readableDay, renderPublicPage, publicPageCsp } from './publicLayout.js';

/** The report's stylesheet and main content (its own <h1>, summary and sections). */
function reportParts(html: string): { style: string; main: string } {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const main = /<main>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
  return { style, main };
}

export function recordPage(published: PublishedRecord): { html: string; csp: string } {
  const { record } = published;
  const { style, main } = reportParts(renderHtmlReport(record));
  // The report's own first lines say "Open Ideas Wall report" and "Exported …": the page says "Published".
  const content = main
    .replace('<p class="caption">Open Ideas Wall report</p>', '<p class="caption">Published record of an early market engagement</p>')
    .replace(/<p class="caption">Exported [^<]*<\/p>/, `<p class="caption">Published ${escapeHtml(readableTime(published.publishedAt))}</p>`)
    // Organisations are not published and hidden notes are left out: the report's counts of them would mislead.
    .replace(/<dt>Hidden notes<\/dt><dd>[^<]*<\/dd>/, '')
    .replace(/(<dt>Authors<\/dt><dd>[^<]*?) from [^<]*<\/dd>/, '$1</dd>');
  const base = `/record/${encodeURIComponent(record.board.id)}`;
  const hash = published.finalHash;
  const about = `
<div class="inset">
<p>This is the council’s published record of this engagement, dated ${escapeHtml(readableDay(published.publishedAt))}. It shows what participants shared openly. Names and organisations of participants are not published; ideas hidden by the council and ideas sent to the council in confidence are not included.</p>
<p>Download the record as <a href="${base}/record.csv">CSV</a> or <a href="${base}/record.json">JSON</a>. The record is available under the <a href="${OPEN_GOVERNMENT_LICENCE.url}" rel="license">${OPEN_GOVERNMENT_LICENCE.name}</a>.</p>
</div>
<h2>A record nobody can rewrite</h2>
${
  hash
    ? `<p>Every change on the board was added to a hash-chained record log. The log’s final hash when this record was published (entry ${hash.seq}, ${escapeHtml(readableTime(hash.at))}) was:</p>
<p><code class="hash">${escapeHtml(hash.hash)}</code></p>
<p>Anyone holding the log can <a href="/check-record">check it against this hash</a>.</p>`
    : '<p>The board’s record log had no entries when this record was published.</p>'
}`;
  // The report's content first (its h1), then how to use and check the record.
  const firstHeading = content.indexOf('</h1>');
  const body = firstHeading < 0 ? `${about}${content}` : `${content.slice(0, firstHeading + 5)}${content.slice(firstHeading + 5).replace(/(<dl class="summary">[\s\S]*?<\/dl>)/, `$1${about}`)}`;
  return { html: renderPublicPage({ title: `${record.board.title}: published record`, body, inlineStyle: style }), csp: publicPageCsp(style) };
}
