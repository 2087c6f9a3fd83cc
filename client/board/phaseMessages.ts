/**
 * Plain words for the board's phases: the tag, the one line telling someone what they can do now, and
 * the short message everyone gets when the phase changes. The server decides; these only explain.
 */
import type * as Y from 'yjs';
import type { BoardPhase } from '../../shared/schema/briefMeta.js';
import { DEFAULT_VOTING_SETTINGS, readVotingSettings } from '../../shared/schema/votingSettings.js';

export type PhaseViewerRole = 'officer' | 'participant' | 'observer';

export const PHASE_LABELS: Record<BoardPhase, string> = {
  draft: 'Not open yet',
  open: 'Open for ideas',
  voting: 'Voting',
  closed: 'Closed',
  published: 'Published',
};

/** GOV.UK tag colours: green while people can add, blue while voting, grey otherwise. */
export const PHASE_TAG_CLASSES: Record<BoardPhase, string> = {
  draft: 'tag tag--yellow',
  open: 'tag tag--green',
  voting: 'tag tag--blue',
  closed: 'tag tag--grey',
  published: 'tag tag--purple',
};

/** The officer's button for moving on from each phase (none after published). */
export const NEXT_STEP_LABELS: Record<BoardPhase, string | null> = {
  draft: 'Open the board for ideas',
  open: 'Start voting',
  voting: 'Close the board',
  closed: 'Publish the record',
  published: null,
};

/** The board's vote budget (the voting settings' own reader: one rule for defaults and bounds). */
export function voteBudgetOf(briefDoc: Y.Doc | null): number {
  return briefDoc ? readVotingSettings(briefDoc).budget : DEFAULT_VOTING_SETTINGS.budget;
}

const votes = (count: number) => `${count} ${count === 1 ? 'vote' : 'votes'}`;

/** One line: what this person can do in this phase. */
export function phaseExplanation(phase: BoardPhase, role: PhaseViewerRole, budget: number): string {
  const isOfficer = role === 'officer';
  const isObserver = role === 'observer';
  switch (phase) {
    case 'draft':
      return isOfficer
        ? 'Only officers can see the board. Participants see a “not open yet” page until you open it.'
        : 'The board is not open yet.';
    case 'open':
      return isObserver ? 'Participants are adding ideas. You can read everything as it arrives.' : 'Add your ideas to the problems and stages below.';
    case 'voting':
      if (isOfficer) return `Participants are voting, with ${votes(budget)} each. New ideas and changes are not being added.`;
      if (isObserver) return 'Participants are voting on the ideas.';
      return `Vote for the ideas you think matter most: you have ${votes(budget)}. New ideas and changes are not being added.`;
    case 'closed':
      return 'The board is closed: nothing can be added, changed or voted. You can still read everything.';
    case 'published':
      return 'The board is closed and its record is published. You can still read everything.';
  }
}

/** The short message everyone gets when the board moves to `phase`. */
export function phaseChangeMessage(phase: BoardPhase, role: PhaseViewerRole, budget: number): string {
  switch (phase) {
    case 'draft':
      return 'The board is back in preparation: only officers can see it until it opens again.';
    case 'open':
      return role === 'observer' ? 'The board is now open for ideas.' : 'The board is now open for ideas: add yours.';
    case 'voting':
      if (role === 'participant') return `Voting has started: you have ${votes(budget)}.`;
      return `Voting has started: participants have ${votes(budget)} each.`;
    case 'closed':
      return 'The board is now closed: nothing more can be added, changed or voted.';
    case 'published':
      return 'The record of this event is now published.';
  }
}
