/**
 * The spotlight ("follow me", issue 12) for every part of the wall: what is in it, whether this viewer
 * follows it, and (for officers) how to change it. Provided once by `WallView` with `useSpotlight`.
 */
import { createContext, useContext } from 'react';
import type { Spotlight } from '../../shared/schema/spotlight.js';

export interface SpotlightContextValue {
  spotlight: Spotlight | null;
  /** Words for what is in the spotlight ("Problem statement: …"), or null when it is not on this board. */
  label: string | null;
  /** This viewer's page follows the spotlight (participants and observers until they stop following). */
  isFollowing: boolean;
  /** An officer who may put things in the spotlight. */
  canSpotlight: boolean;
  /** Officers: spotlight a problem, stage or cluster, or end it (null). Resolves with a refusal message or null. */
  setSpotlight(targetId: string | null): Promise<string | null>;
  /** Participants: stop or start following; starting goes to the spotlight at once. */
  setFollowing(isFollowing: boolean): void;
}

const NO_SPOTLIGHT: SpotlightContextValue = {
  spotlight: null,
  label: null,
  isFollowing: false,
  canSpotlight: false,
  setSpotlight: () => Promise.resolve(null),
  setFollowing: () => {},
};

export const SpotlightContext = createContext<SpotlightContextValue>(NO_SPOTLIGHT);

export function useSpotlightContext(): SpotlightContextValue {
  return useContext(SpotlightContext);
}
