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
  options: {
    isOfficer: boolean;
    canSpotlight: boolean;
    isBriefSynced: boolean;
    sendCommand: SendCommand;
    /** The board: a person's "Stop following" is kept for this tab, so a reconnect does not undo it. */
    boardId?: string;
  },
): SpotlightContextValue {
  const { isOfficer, canSpotlight, isBriefSynced, sendCommand, boardId } = options;
  const spotlight = useBriefMetaValue(briefDoc, readSpotlight);
  // Officers lead: their own page never jumps. Everyone else follows until they say stop.
  const [isFollowing, setIsFollowing] = useState(() => !isOfficer && !hasStoppedFollowing(boardId));
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
      rememberFollowing(boardId, follow);
      // Asked for: go there now and take focus, typing or not.
      if (follow && targetId !== null) goToSpotlight(targetId, true);
    },
    [targetId, boardId],
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

const STOPPED_FOLLOWING_KEY = (boardId: string) => `oiw:stopped-following:${boardId}`;

/** True when this tab's person chose "Stop following" on this board (sessionStorage may be unavailable). */
function hasStoppedFollowing(boardId: string | undefined): boolean {
  if (boardId === undefined) return false;
  try {
    return window.sessionStorage.getItem(STOPPED_FOLLOWING_KEY(boardId)) === '1';
  } catch {
    return false;
  }
}

function rememberFollowing(boardId: string | undefined, follow: boolean): void {
  if (boardId === undefined) return;
  try {
    if (follow) window.sessionStorage.removeItem(STOPPED_FOLLOWING_KEY(boardId));
    else window.sessionStorage.setItem(STOPPED_FOLLOWING_KEY(boardId), '1');
  } catch {
    // Private modes may refuse storage: the choice then lasts as long as the page.
  }
}
