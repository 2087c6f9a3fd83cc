/**
 * The readable report as Markdown (for a wiki, a repository or an email), the same outline as the HTML
 * report. Every piece of text from the board is escaped, so a note can never become a heading, a link, an
 * image, raw HTML or a list item: Markdown punctuation gets a backslash, `<` and `&` become entities, and
 * line breaks inside a note stay inside its list item.
 */
import type { BoardRecord, ExportNote } from './boardRecord.js';
import { hiddenReasonLabel } from './hiddenReasons.js';
import { countsOf, outlineOf, PHASE_LABELS, plural, readableTime, type NoteGroup, type ReportOutline, type TargetSection } from './reportOutline.js';

/**
 * Escapes text for Markdown (CommonMark and GitHub's dialect). Each ASCII punctuation character with a
 * meaning gets a backslash; `<`, `>` and `&` become entities (no raw HTML, no autolink, no entity trick);
 * each line break becomes a hard break continued at `indent` (so a list item stays one item).
 */
export function escapeMarkdown(text: string, indent = ''): string {
  const escaped = text
    .replace(/[\\`*_{}[\]()#+\-.!|~=]/g, (character) => `\\${character}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  // A backslash at the end of a line is a hard line break; blank lines would end the item, so none stay blank.
  return escaped
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^\s+/, (spaces) => spaces.replace(/ /g, '&#32;').replace(/\t/g, '&#9;')))
    .join(`\\\n${indent}`);
}

function noteLines(note: ExportNote, outline: ReportOutline): string[] {
  const author = [note.authorName, note.authorOrganisation].filter(Boolean).join(', ') || 'Unknown author';
  const edited = note.updatedAt !== note.createdAt ? `, edited ${readableTime(note.updatedAt)}` : '';
  const lines = [
    // The trailing backslash is a hard line break: the details go on their own line of the same item.
    `- ${escapeMarkdown(note.text, '  ')}\\`,
    `  *${escapeMarkdown(`${author}. ${countsOf(note)}. ${plural(note.commentCount, 'comment', 'comments')}. Posted ${readableTime(note.createdAt)}${edited}.`, '  ')}*`,
  ];
  for (const comment of outline.commentsByNote.get(note.key) ?? []) {
    lines.push(`  - ${escapeMarkdown(`${comment.text} (${comment.authorName}, ${comment.authorOrganisation})`, '    ')}`);
  }
  return lines;
}

function groupLines(group: NoteGroup, outline: ReportOutline): string[] {
  const title = group.clusterTitle === null ? 'Not in a cluster' : `Cluster: ${group.clusterTitle || 'Untitled group'}`;
  const votes = group.votes === null ? '' : `, ${plural(group.votes, 'vote', 'votes')}`;
  return [`#### ${escapeMarkdown(`${title} (${plural(group.notes.length, 'note', 'notes')}${votes})`)}`, '', ...group.notes.flatMap((note) => noteLines(note, outline)), ''];
}

function sectionLines(section: TargetSection, outline: ReportOutline): string[] {
  const label = section.kind === 'problem' ? 'Problem' : section.kind === 'stage' ? `Stage of “${section.serviceMapTitle ?? ''}”` : '';
  const heading = label ? `${label}: ${section.title || 'Untitled'}` : section.title;
  const lines = [`### ${escapeMarkdown(heading)}`, ''];
  if (section.description.trim()) lines.push(`> ${escapeMarkdown(section.description, '> ')}`, '');
  if (section.details.length > 0) lines.push(...section.details.map((row) => `- ${escapeMarkdown(`${row.label}: ${row.value}`, '  ')}`), '');
  if (section.groups.length === 0) lines.push('No notes.', '');
  for (const group of section.groups) lines.push(...groupLines(group, outline));
  return lines;
}

function hiddenLines(hidden: readonly ExportNote[]): string[] {
  if (hidden.length === 0) return [];
  return [
    '## Hidden notes',
    '',
    'Officers hid these notes from the wall. Their text is in the CSV and JSON exports, not in this report.',
    '',
    ...hidden.map((note) => {
      const reason = [hiddenReasonLabel(note.hiddenReason), note.hiddenReasonText].filter(Boolean).join(': ');
      const when = note.hiddenAt ? `, hidden ${readableTime(note.hiddenAt)}` : '';
      return `- ${escapeMarkdown(`${note.authorName}, ${note.authorOrganisation}: ${reason}${when}`, '  ')}`;
    }),
    '',
  ];
}

/** Issue 13's sections: questions answered, the council's answers, the moderation log, who took part. */
function fairnessLines(outline: ReportOutline): string[] {
  const qa = outline.questionsAndAnswers.flatMap((entry) => [
    `- ${escapeMarkdown(`Question${entry.targetTitle ? ` about ${entry.targetTitle}` : ''}: ${entry.question}`, '  ')}\\`,
    `  ${escapeMarkdown(`Answer: ${entry.answer}`, '  ')}\\`,
    `  *${escapeMarkdown(`Answered ${readableTime(entry.answeredAt)}; who asked is not shown.`, '  ')}*`,
  ]);
  const answers = outline.councilAnswers.map(
    (entry) => `- ${escapeMarkdown(`${entry.kind === 'cluster' ? 'Group: ' : ''}${entry.item}: ${entry.outcomeLabel}${entry.reason ? `. ${entry.reason}` : ''}`, '  ')}`,
  );
  const log = outline.moderationLog.map((entry) => `- ${escapeMarkdown(`${readableTime(entry.atIso)}: ${entry.description}`, '  ')}`);
  const reach = outline.reach
    ? [
        `- Suppliers taking part: ${outline.reach.participants}`,
        `- Small and medium\\-sized enterprises \\(SMEs\\): ${outline.reach.smes}`,
        `- First time working with the council: ${outline.reach.firstTime}`,
        ...outline.reach.bySize.map((row) => `- ${escapeMarkdown(`${row.label}: ${row.count}`, '  ')}`),
      ]
    : ['Not recorded.'];
  return [
    '## Questions and answers',
    '',
    ...(qa.length === 0 ? ['No clarification questions were answered.'] : qa),
    '',
    '## The council’s answer: you said, we did',
    '',
    ...(answers.length === 0 ? ['The council has not recorded its answer to any idea yet.'] : answers),
    '',
    '## Moderation log',
    '',
    ...(log.length === 0 ? ['Nothing was hidden, restored or removed.'] : log),
    '',
    '## Who took part',
    '',
    ...reach,
    '',
  ];
}

/** The whole report as Markdown text. */
export function renderMarkdownReport(record: BoardRecord): string {
  const outline = outlineOf(record);
  const { totals } = outline;
  const bySection = (kind: TargetSection['kind']) => outline.sections.filter((section) => section.kind === kind);
  const summary = [
    `Phase: ${PHASE_LABELS[record.board.phase] ?? record.board.phase}`,
    `Notes on the wall: ${totals.notes}`,
    `Authors: ${plural(totals.authors, 'person', 'people')} from ${plural(totals.organisations, 'organisation', 'organisations')}`,
    `Votes: ${totals.votes === null ? 'hidden until voting closes' : totals.votes}`,
    `Comments: ${totals.comments}`,
    `Hidden notes: ${totals.hidden}`,
    ...(record.board.isAnonymous ? ['Anonymous mode: on (participants did not see names; this report is for officers and names authors)'] : []),
  ];
  const lines = [
    `# ${escapeMarkdown(record.board.title)}`,
    '',
    `Open Ideas Wall report, exported ${escapeMarkdown(readableTime(record.exportedAt))}`,
    '',
    ...(record.board.summary.trim() ? [escapeMarkdown(record.board.summary), ''] : []),
    ...summary.map((line) => `- ${escapeMarkdown(line, '  ')}`),
    '',
    '## Problems',
    '',
    ...(bySection('problem').length === 0 ? ['The brief has no problems.', ''] : bySection('problem').flatMap((section) => sectionLines(section, outline))),
    '## Service maps',
    '',
    ...(bySection('stage').length === 0 ? ['The brief has no service map stages.', ''] : bySection('stage').flatMap((section) => sectionLines(section, outline))),
    ...(bySection('missing').length === 0 ? [] : ['## Other notes', '', ...bySection('missing').flatMap((section) => sectionLines(section, outline))]),
    ...fairnessLines(outline),
    ...hiddenLines(outline.hidden),
  ];
  return lines.join('\n');
}
