/**
 * Presence said in one line, for a room of 200 as well as 3 (issue 14): "42 people here · 3 typing in
 * Stage 2". Typing reaches officers only (see presence.ts), so participants get the count alone.
 */
import type { PresentPerson } from './presence.js';

export function peopleHereText(count: number): string {
  return count === 1 ? '1 person here' : `${count} people here`;
}

/**
 * Who is typing where, busiest place first: "3 typing in Stage 2", then "and 2 elsewhere" when people
 * write in more than one place. Null when nobody is typing. `labelOf` names a problem or stage by id.
 */
export function typingSummary(typingByTarget: ReadonlyMap<string, readonly PresentPerson[]>, labelOf: (targetId: string) => string | null): string | null {
  const places = [...typingByTarget.entries()]
    .map(([targetId, people]) => ({ label: labelOf(targetId), count: people.length }))
    .filter((place) => place.count > 0)
    .sort((a, b) => b.count - a.count);
  const [busiest, ...rest] = places;
  if (busiest === undefined) return null;
  const where = busiest.label === null ? '' : ` in ${busiest.label}`;
  const elsewhere = rest.reduce((total, place) => total + place.count, 0);
  return `${busiest.count} typing${where}${elsewhere > 0 ? ` and ${elsewhere} elsewhere` : ''}`;
}
