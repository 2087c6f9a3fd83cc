/**
 * The spotlight model: reads `meta.spotlight` from the brief, and makes a following viewer's page follow
 * it. When it changes, the target is scrolled into view and focus moves to its heading; while the person
 * is typing, neither happens (the bar offers "Go to it" instead), so nobody loses what they are writing.
 * The spotlight the page finds when it opens is scrolled to but does not take focus.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { BriefState } from '../../shared/schema/brief.js';
import { readSpotlight } from '../../shared/schema/spotlight.js';
import type { SendCommand } from '../net/socket.js';
import type { SpotlightContextValue } from './SpotlightContext.js';
import { goToSpotlight, isTyping, spotlightLabel } from './spotlightTarget.js';
import { useBriefMetaValue } from './useBriefMetaValue.js';

export function useSpotlight(
  brief: BriefState,
  briefDoc: Y.Doc | null,
  options: { isOfficer: boolean; canSpotlight: boolean; isBriefSynced: boolean; sendCommand: SendCommand },
): SpotlightContextValue {
  const { isOfficer, canSpotlight, isBriefSynced, sendCommand } = options;
  const spotlight = useBriefMetaValue(briefDoc, readSpotlight);
  // Officers lead: their own page never jumps. Everyone else follows until they say stop.
  const [isFollowing, setIsFollowing] = useState(!isOfficer);
  const label = spotlight === null ? null : spotlightLabel(brief, briefDoc, spotlight.targetId);
  const isTargetShown = label !== null;
  // `at` of the spotlight the page found when the brief first synced (undefined until then).
  const foundAtOpen = useRef<number | null | undefined>(undefined);

  const targetId = spotlight?.targetId ?? null;
  const at = spotlight?.at ?? null;
  useEffect(() => {
    if (!isBriefSynced) return;
    if (foundAtOpen.current === undefined) foundAtOpen.current = at;
    if (!isFollowing || targetId === null || !isTargetShown || isTyping()) return;
    goToSpotlight(targetId, at !== foundAtOpen.current);
  }, [isBriefSynced, isFollowing, targetId, at, isTargetShown]);

  const setFollowing = useCallback(
    (follow: boolean) => {
      setIsFollowing(follow);
      // Asked for: go there now and take focus, typing or not.
      if (follow && targetId !== null) goToSpotlight(targetId, true);
    },
    [targetId],
  );

  const setSpotlight = useCallback(
    async (id: string | null) => {
      const answer = await sendCommand('spotlight-set', { targetId: id });
      return answer.ok ? null : answer.error.message;
    },
    [sendCommand],
  );

  return useMemo(
    () => ({ spotlight, label, isFollowing, canSpotlight, setSpotlight, setFollowing }),
    [spotlight, label, isFollowing, canSpotlight, setSpotlight, setFollowing],
  );
}
