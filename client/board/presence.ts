/**
 * Who is here, from the wall connection's awareness states. The server stamps `user` from the session
 * and keeps only `typing`; we still read every state as untrusted data. `typing` reaches officers only
 * (a note being written may become confidential): for everyone else it is always null.
 */
import type { PersonRole } from '../../shared/protocol/api.js';

export interface PresentPerson {
  id: string;
  name: string;
  organisation: string;
  role: PersonRole;
  /** The problem or stage id they are writing a note for, or null. */
  typing: string | null;
}

const ROLES: readonly string[] = ['officer', 'participant', 'observer'];
const MAX_TEXT_CHARS = 200;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length <= MAX_TEXT_CHARS ? value : null;
}

/** A person from one awareness state, or null when the state is not one the server would send. */
export function personFromState(state: unknown): PresentPerson | null {
  if (typeof state !== 'object' || state === null) return null;
  const { user, typing } = state as Record<string, unknown>;
  if (typeof user !== 'object' || user === null) return null;
  const fields = user as Record<string, unknown>;
  const id = text(fields.id);
  const name = text(fields.name);
  const organisation = text(fields.organisation) ?? '';
  const role = typeof fields.role === 'string' && ROLES.includes(fields.role) ? (fields.role as PersonRole) : null;
  if (id === null || id === '' || name === null || role === null) return null;
  return { id, name, organisation, role, typing: text(typing) };
}

/**
 * Everyone in `states` except the client `ownClientId`, one entry per person (several tabs or devices
 * count once; typing in any of them counts), sorted by name.
 */
export function peopleFromStates(states: ReadonlyMap<number, unknown>, ownClientId: number): PresentPerson[] {
  const byId = new Map<string, PresentPerson>();
  for (const [clientId, state] of states) {
    if (clientId === ownClientId) continue;
    const person = personFromState(state);
    if (person === null) continue;
    const known = byId.get(person.id);
    byId.set(person.id, known === undefined ? person : { ...known, typing: known.typing ?? person.typing });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The people typing, by the id of the problem or stage they are writing for. */
export function typingByTarget(people: readonly PresentPerson[]): Map<string, PresentPerson[]> {
  const byTarget = new Map<string, PresentPerson[]>();
  for (const person of people) {
    if (person.typing === null) continue;
    const group = byTarget.get(person.typing);
    if (group) group.push(person);
    else byTarget.set(person.typing, [person]);
  }
  return byTarget;
}

/** Up to two initials of a name, for an avatar. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
