import type { PersonRole } from '../../../shared/protocol/api.js';
import { initialsOf } from '../../board/presence.js';

/** Initials in a circle. Decorative: the person's name is always given in text beside it. */
export function Avatar({ name, role }: { name: string; role: PersonRole }) {
  return (
    <span className={`avatar avatar--${role}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
