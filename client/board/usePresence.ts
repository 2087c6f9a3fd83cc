import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { peopleFromStates, typingByTarget, type PresentPerson } from './presence.js';

export interface PresenceView {
  /** Everyone else here now, one entry per person. */
  others: PresentPerson[];
  /** Who (other than me) is writing a note, by problem or stage id: officers only are told (empty for others). */
  typingByTarget: Map<string, PresentPerson[]>;
}

const NOBODY: PresenceView = { others: [], typingByTarget: new Map() };

function viewOf(awareness: Awareness): PresenceView {
  const states = awareness.getStates() as Map<number, unknown>;
  const others = peopleFromStates(states, awareness.clientID);
  return { others, typingByTarget: typingByTarget(others) };
}

/** Presence on the wall connection, re-read whenever someone arrives, leaves or starts or stops typing. */
export function usePresence(awareness: Awareness | null): PresenceView {
  const [view, setView] = useState<PresenceView>(NOBODY);
  useEffect(() => {
    if (awareness === null) {
      setView(NOBODY);
      return;
    }
    const onChange = () => setView(viewOf(awareness));
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return view;
}
