/** The public pipeline page: every listed engagement, grouped open now, upcoming and past. */
import { escapeHtml } from '../../export/htmlReport.js';
import { TIMING_LABELS, describeReach, type Engagement, type EngagementTiming } from '../pipeline.js';
import { readableDay, renderPublicPage } from './publicLayout.js';

function dates(engagement: Engagement): string {
  if (!engagement.startsOn && !engagement.endsOn) return 'To be confirmed';
  const day = (text: string | null) => (text ? readableDay(`${text}T00:00:00Z`) : 'to be confirmed');
  return engagement.startsOn === engagement.endsOn ? day(engagement.startsOn) : `${day(engagement.startsOn)} to ${day(engagement.endsOn)}`;
}

function engagementHtml(engagement: Engagement): string {
  const rows: Array<[string, string]> = [
    ['Service area', engagement.serviceArea || 'Not stated'],
    ['Project stage', engagement.stageLabel],
    ['Dates', dates(engagement)],
    ['How to take part', engagement.howToTakePart || 'Details to follow. See how to take part for how events work.'],
    ...(engagement.reach ? [['Who took part', describeReach(engagement.reach)] as [string, string]] : []),
  ];
  const tagClass = engagement.timing === 'open' ? 'tag tag--open' : engagement.timing === 'past' ? 'tag tag--past' : 'tag';
  const record = engagement.recordPath
    ? `<p><a href="${escapeHtml(engagement.recordPath)}">Read the published record<span class="visually-hidden"> of ${escapeHtml(engagement.title)}</span></a> (published ${escapeHtml(readableDay(engagement.publishedAt ?? 0))})</p>`
    : '';
  return `<article class="engagement" id="engagement-${escapeHtml(engagement.id)}" aria-labelledby="title-${escapeHtml(engagement.id)}">
<h3 id="title-${escapeHtml(engagement.id)}">${escapeHtml(engagement.title)}</h3>
<p><strong class="${tagClass}">${escapeHtml(TIMING_LABELS[engagement.timing])}</strong></p>
${engagement.summary.trim() ? `<p>${escapeHtml(engagement.summary)}</p>` : ''}
<dl class="summary-list">${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
${record}
</article>`;
}

export function pipelinePage(engagements: readonly Engagement[]): string {
  const groups: EngagementTiming[] = ['open', 'upcoming', 'past'];
  const sections = groups
    .map((timing) => {
      const inGroup = engagements.filter((engagement) => engagement.timing === timing);
      const heading = `${TIMING_LABELS[timing]} (${inGroup.length})`;
      const content = inGroup.length === 0 ? `<p>No ${timing === 'open' ? 'engagements are open now' : `${TIMING_LABELS[timing].toLowerCase()} engagements`}.</p>` : inGroup.map(engagementHtml).join('\n');
      return `<section aria-labelledby="group-${timing}"><h2 id="group-${timing}">${escapeHtml(heading)}</h2>${content}</section>`;
    })
    .join('\n');
  const body = `<h1>Early market engagement pipeline</h1>
<p class="lead">The council’s upcoming, open and past engagements, where suppliers of every size can help shape a service before anything is put out to tender.</p>
<p>Follow it in a feed reader with the <a href="/pipeline.atom">Atom feed</a>, or use the <a href="/pipeline.json">JSON version</a>. Read <a href="/take-part">how to take part</a> before an event.</p>
${sections}`;
  return renderPublicPage({ title: 'Early market engagement pipeline', body });
}
