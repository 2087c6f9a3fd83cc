/** "How to take part": what a supplier needs to know before an engagement, in plain words. */
import { renderPublicPage } from './publicLayout.js';

export function takePartPage(): string {
  const body = `<h1>How to take part in an engagement</h1>
<p class="lead">Engagements happen on a live ideas wall. The council posts the problems it wants to solve; you add ideas, comment and vote, from a laptop or a phone, in the room or from anywhere.</p>
<h2>Joining with the event code</h2>
<p>Each engagement has an <strong>event code</strong>, like <strong>HKN-4821</strong>, or an invitation link. The council shows it on the screen at the event or sends it to you. Go to the Open Ideas Wall home page, enter the code, and give your name and organisation. You do not need an account.</p>
<p>Before you join you are shown the engagement’s fair-engagement notice, which says who will see what you post and how the record will be published. You must accept it to join.</p>
<h2>What is public and what is confidential</h2>
<ul>
<li><strong>Ideas you publish openly</strong> are seen by everyone on the board during the event, and appear in the published record afterwards, without your name or organisation.</li>
<li><strong>Ideas you mark as confidential to the council</strong> are seen only by you and the council’s officers. They are never shown to other suppliers and never published.</li>
<li><strong>Your name and organisation</strong> are seen by the council’s officers. Other participants may see them on the wall unless the board is anonymous. They are not in the published record.</li>
<li><strong>Your email address</strong>, if the board asks for it, is seen only by the council and is never shown or published.</li>
</ul>
<h2>Fair to every supplier</h2>
<p>Every supplier sees the same information at the same time. Nobody can change or remove another supplier’s ideas. Officers may hide an idea that breaks the rules; the reason is logged.</p>
<p>Every accepted change is added to a hash-chained record log, so the council can show afterwards that the record was not rewritten. Anyone can <a href="/check-record">check a record log</a>.</p>
<h2>Finding engagements</h2>
<p>See the <a href="/pipeline">engagement pipeline</a> for upcoming, open and past engagements, with dates and links to published records.</p>`;
  return renderPublicPage({ title: 'How to take part', body });
}
