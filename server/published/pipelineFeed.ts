/**
 * The pipeline as an Atom feed (RFC 4287): the feed has id, title, updated, author and links to itself
 * and to the page; each entry has id, title, updated, a link to the board's record (or the pipeline) and
 * a plain-text summary. Ids are tag-free URLs under the server's public address, stable for a board.
 */
import { OPEN_GOVERNMENT_LICENCE } from './publicRecord.js';
import { TIMING_LABELS, describeReach, type Engagement } from './pipeline.js';

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function describeEngagement(engagement: Engagement): string {
  const parts = [
    `${TIMING_LABELS[engagement.timing]}.`,
    engagement.serviceArea && `Service area: ${engagement.serviceArea}.`,
    `Stage: ${engagement.stageLabel}.`,
    (engagement.startsOn || engagement.endsOn) && `Dates: ${engagement.startsOn ?? 'to be confirmed'} to ${engagement.endsOn ?? 'to be confirmed'}.`,
    engagement.summary,
    engagement.howToTakePart && `How to take part: ${engagement.howToTakePart}`,
    engagement.reach && describeReach(engagement.reach),
  ];
  return parts.filter(Boolean).join(' ');
}

export function pipelineAtom(engagements: readonly Engagement[], publicUrl: string, now: number): string {
  const updated = engagements.reduce((latest, engagement) => (engagement.updatedAt > latest ? engagement.updatedAt : latest), new Date(0).toISOString());
  const feedUpdated = engagements.length === 0 ? new Date(now).toISOString() : updated;
  const entries = engagements
    .map((engagement) => {
      const link = `${publicUrl}${engagement.recordPath ?? `/pipeline#engagement-${engagement.id}`}`;
      return `  <entry>
    <id>${xml(`${publicUrl}/pipeline/${engagement.id}`)}</id>
    <title>${xml(engagement.title)}</title>
    <updated>${engagement.updatedAt}</updated>
    <link rel="alternate" type="text/html" href="${xml(link)}"/>
    <summary type="text">${xml(describeEngagement(engagement))}</summary>
    <category term="${xml(engagement.timing)}" label="${xml(TIMING_LABELS[engagement.timing])}"/>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${publicUrl}/pipeline`)}</id>
  <title>The council’s early market engagement pipeline</title>
  <subtitle>Upcoming, open and past engagements where suppliers can shape a service before a tender.</subtitle>
  <updated>${feedUpdated}</updated>
  <author><name>The council</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(`${publicUrl}/pipeline.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${publicUrl}/pipeline`)}"/>
  <rights>${xml(OPEN_GOVERNMENT_LICENCE.name)}</rights>
${entries}
</feed>
`;
}
