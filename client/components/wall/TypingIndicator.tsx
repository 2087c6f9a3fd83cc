import type { PresentPerson } from '../../board/presence.js';

/** "Sam Jones is typing…" under a problem or stage while others write notes for it. */
export function typingMessage(people: readonly PresentPerson[]): string | null {
  const [first, second] = people;
  if (first === undefined) return null;
  if (second === undefined) return `${first.name} is typing…`;
  if (people.length === 2) return `${first.name} and ${second.name} are typing…`;
  return `${people.length} people are typing…`;
}

export function TypingIndicator({ people }: { people: readonly PresentPerson[] }) {
  const message = typingMessage(people);
  return <p className="typing-indicator">{message ?? ''}</p>;
}
