/**
 * The readable report as one self-contained HTML page in the GOV.UK style, made to be printed to PDF
 * (print CSS: black on white, no page break inside a note, headings kept with what follows). Every piece
 * of text from the board is escaped; the page carries its own Content-Security-Policy (no scripts, no
 * fetches, only its own stylesheet by hash), so even a saved copy opened from disk runs nothing.
 */
import { createHash } from 'node:crypto';
import type { BoardRecord, ExportNote } from './boardRecord.js';
import { hiddenReasonLabel } from './hiddenReasons.js';
import { countsOf, outlineOf, PHASE_LABELS, plural, readableTime, type NoteGroup, type ReportOutline, type TargetSection } from './reportOutline.js';

const STYLE = `
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.32;color:#0b0c0c;background:#fff}
main{max-width:960px;margin:0 auto;padding:30px 15px}
h1{font-size:36px;line-height:1.1;margin:0 0 15px}
h2{font-size:27px;margin:45px 0 15px;padding-top:15px;border-top:2px solid #b1b4b6}
h3{font-size:24px;margin:30px 0 10px}
h4{font-size:19px;margin:20px 0 10px}
.caption{color:#505a5f;font-size:19px;margin:0 0 5px}
.summary{display:grid;grid-template-columns:minmax(0,max-content) auto;gap:5px 20px;margin:20px 0}
.summary dt{font-weight:700}
.summary dd{margin:0}
.description{white-space:pre-wrap;color:#0b0c0c;border-left:5px solid #b1b4b6;padding-left:15px}
.notes{list-style:none;margin:0;padding:0}
.note{border:1px solid #b1b4b6;border-left:5px solid #1d70b8;padding:10px 15px;margin:0 0 15px;break-inside:avoid}
.note-text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 5px}
.note-meta{color:#505a5f;font-size:16px;margin:0}
.comments{margin:10px 0 0;padding-left:20px;font-size:16px}
.comments li{margin-bottom:5px;white-space:pre-wrap;overflow-wrap:anywhere}
.empty{color:#505a5f}
table{border-collapse:collapse;width:100%;font-size:16px}
th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:10px 20px 10px 0;vertical-align:top}
@media print{body{font-size:12pt}main{max-width:none;padding:0}h2{break-before:auto}h2,h3,h4{break-after:avoid}.note{border-left-width:3px}a{color:#0b0c0c}}
`;

/** The stylesheet's hash, allowed by the page's CSP instead of 'unsafe-inline'. */
const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/** The Content-Security-Policy of the report (also sent as the response header). */
export const HTML_REPORT_CSP = `default-src 'none'; style-src '${STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function noteItem(note: ExportNote, outline: ReportOutline): string {
  const comments = outline.commentsByNote.get(note.key) ?? [];
  const author = [note.authorName, note.authorOrganisation].filter(Boolean).join(', ') || 'Unknown author';
  const edited = note.updatedAt !== note.createdAt ? `, edited ${escapeHtml(readableTime(note.updatedAt))}` : '';
  const commentList =
    comments.length === 0
      ? ''
      : `<ul class="comments" aria-label="Comments">${comments
          .map((comment) => `<li>${escapeHtml(comment.text)} <span class="note-meta">(${escapeHtml(comment.authorName)}, ${escapeHtml(comment.authorOrganisation)})</span></li>`)
          .join('')}</ul>`;
  return `<li class="note"><p class="note-text">${escapeHtml(note.text)}</p><p class="note-meta">${escapeHtml(author)}. ${escapeHtml(countsOf(note))}. ${escapeHtml(
    plural(note.commentCount, 'comment', 'comments'),
  )}. Posted ${escapeHtml(readableTime(note.createdAt))}${edited}.</p>${commentList}</li>`;
}

function groupHtml(group: NoteGroup, outline: ReportOutline): string {
  const title = group.clusterTitle === null ? 'Not in a cluster' : `Cluster: ${group.clusterTitle || 'Untitled group'}`;
  const votes = group.votes === null ? '' : `, ${plural(group.votes, 'vote', 'votes')}`;
  return `<h4>${escapeHtml(title)} <span class="caption">(${escapeHtml(plural(group.notes.length, 'note', 'notes') + votes)})</span></h4><ul class="notes">${group.notes
    .map((note) => noteItem(note, outline))
    .join('')}</ul>`;
}

function sectionHtml(section: TargetSection, outline: ReportOutline): string {
  const label = section.kind === 'problem' ? 'Problem' : section.kind === 'stage' ? `Stage of “${section.serviceMapTitle ?? ''}”` : '';
  const heading = label ? `${label}: ${section.title || 'Untitled'}` : section.title;
  const description = section.description.trim() ? `<p class="description">${escapeHtml(section.description)}</p>` : '';
  const details =
    section.details.length === 0
      ? ''
      : `<dl class="summary">${section.details.map((row) => `<dt>${escapeHtml(row.label)}</dt><dd>${escapeHtml(row.value)}</dd>`).join('')}</dl>`;
  const body = section.groups.length === 0 ? '<p class="empty">No notes.</p>' : section.groups.map((group) => groupHtml(group, outline)).join('');
  return `<section><h3>${escapeHtml(heading)}</h3>${description}${details}${body}</section>`;
}

function hiddenHtml(hidden: readonly ExportNote[]): string {
  if (hidden.length === 0) return '';
  const rows = hidden
    .map(
      (note) =>
        `<tr><td>${escapeHtml(note.authorName)}</td><td>${escapeHtml(note.authorOrganisation)}</td><td>${escapeHtml(
          [hiddenReasonLabel(note.hiddenReason), note.hiddenReasonText].filter(Boolean).join(': '),
        )}</td><td>${escapeHtml(note.hiddenAt ? readableTime(note.hiddenAt) : '')}</td></tr>`,
    )
    .join('');
  return `<h2>Hidden notes</h2><p>Officers hid these notes from the wall. Their text is in the CSV and JSON exports, not in this report.</p><table><thead><tr><th scope="col">Author</th><th scope="col">Organisation</th><th scope="col">Reason</th><th scope="col">Hidden</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Issue 13's sections: questions answered, the council's answers, the moderation log, who took part. */
function fairnessHtml(outline: ReportOutline): string {
  const qa =
    outline.questionsAndAnswers.length === 0
      ? '<p class="empty">No clarification questions were answered.</p>'
      : outline.questionsAndAnswers
          .map(
            (entry) =>
              `<div class="note"><p class="note-text"><strong>Question${entry.targetTitle ? ` about ${escapeHtml(entry.targetTitle)}` : ''}:</strong> ${escapeHtml(entry.question)}</p><p class="note-text"><strong>Answer:</strong> ${escapeHtml(entry.answer)}</p><p class="note-meta">Answered ${escapeHtml(readableTime(entry.answeredAt))}. Published to everyone at the same time; who asked is not shown.</p></div>`,
          )
          .join('');
  const answers =
    outline.councilAnswers.length === 0
      ? '<p class="empty">The council has not recorded its answer to any idea yet.</p>'
      : `<table><thead><tr><th scope="col">${'Idea or group'}</th><th scope="col">Outcome</th><th scope="col">Reason</th></tr></thead><tbody>${outline.councilAnswers
          .map((entry) => `<tr><td>${escapeHtml((entry.kind === 'cluster' ? 'Group: ' : '') + entry.item)}</td><td>${escapeHtml(entry.outcomeLabel)}</td><td>${escapeHtml(entry.reason)}</td></tr>`)
          .join('')}</tbody></table>`;
  const log =
    outline.moderationLog.length === 0
      ? '<p class="empty">Nothing was hidden, restored or removed.</p>'
      : `<table><thead><tr><th scope="col">When</th><th scope="col">What happened</th></tr></thead><tbody>${outline.moderationLog
          .map((entry) => `<tr><td>${escapeHtml(readableTime(entry.atIso))}</td><td>${escapeHtml(entry.description)}</td></tr>`)
          .join('')}</tbody></table>`;
  const reach = outline.reach
    ? `<dl class="summary"><dt>Suppliers taking part</dt><dd>${outline.reach.participants}</dd><dt>Small and medium-sized enterprises (SMEs)</dt><dd>${outline.reach.smes}</dd><dt>First time working with the council</dt><dd>${outline.reach.firstTime}</dd>${outline.reach.bySize
        .map((row) => `<dt>${escapeHtml(row.label)}</dt><dd>${row.count}</dd>`)
        .join('')}</dl>`
    : '<p class="empty">Not recorded.</p>';
  return `<h2>Questions and answers</h2>${qa}
<h2>The council’s answer: you said, we did</h2>${answers}
<h2>Moderation log</h2><p>Every idea or comment hidden or restored, and every participant removed: when and why. The content and the people are not shown.</p>${log}
<h2>Who took part</h2><p>Counts only, from what suppliers chose to say when they joined.</p>${reach}`;
}

/** The whole report page. */
export function renderHtmlReport(record: BoardRecord): string {
  const outline = outlineOf(record);
  const { totals } = outline;
  const problems = outline.sections.filter((section) => section.kind === 'problem');
  const stages = outline.sections.filter((section) => section.kind === 'stage');
  const missing = outline.sections.filter((section) => section.kind === 'missing');
  const summary: Array<[string, string]> = [
    ['Phase', PHASE_LABELS[record.board.phase] ?? record.board.phase],
    ['Notes on the wall', totals.notes.toLocaleString('en-GB')],
    ['Authors', `${plural(totals.authors, 'person', 'people')} from ${plural(totals.organisations, 'organisation', 'organisations')}`],
    ['Votes', totals.votes === null ? 'Hidden until voting closes' : totals.votes.toLocaleString('en-GB')],
    ['Comments', totals.comments.toLocaleString('en-GB')],
    ['Hidden notes', totals.hidden.toLocaleString('en-GB')],
  ];
  if (record.board.isAnonymous) summary.push(['Anonymous mode', 'On: participants did not see names. This report is for officers and names authors.']);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(HTML_REPORT_CSP)}">
<title>${escapeHtml(record.board.title)}: report of the ideas wall</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="caption">Open Ideas Wall report</p>
<h1>${escapeHtml(record.board.title)}</h1>
<p class="caption">Exported ${escapeHtml(readableTime(record.exportedAt))}</p>
${record.board.summary.trim() ? `<p class="description">${escapeHtml(record.board.summary)}</p>` : ''}
<dl class="summary">${summary.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<h2>Problems</h2>
${problems.length === 0 ? '<p class="empty">The brief has no problems.</p>' : problems.map((section) => sectionHtml(section, outline)).join('\n')}
<h2>Service maps</h2>
${stages.length === 0 ? '<p class="empty">The brief has no service map stages.</p>' : stages.map((section) => sectionHtml(section, outline)).join('\n')}
${missing.length === 0 ? '' : `<h2>Other notes</h2>${missing.map((section) => sectionHtml(section, outline)).join('\n')}`}
${fairnessHtml(outline)}
${hiddenHtml(outline.hidden)}
</main>
</body>
</html>
`;
}
