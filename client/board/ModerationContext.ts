/**
 * What the wall's moderation controls need (officers only): send a hide or restore command and learn
 * that the hidden list changed. Provided by `WallView`; `canModerate` is false for everyone else, and
 * the server refuses these commands from anyone but the board's officers anyway.
 */
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { MODERATION_COMMANDS, type ModeratedKind, type ModerationReason } from '../../shared/schema/moderation.js';
import type { SendCommand } from '../net/socket.js';

export interface ModerationContextValue {
  canModerate: boolean;
  /** Hides a note or comment; resolves with null when done, or a message to show. */
  hide(kind: ModeratedKind, key: string, reason: ModerationReason, detail: string): Promise<string | null>;
  restore(kind: ModeratedKind, key: string): Promise<string | null>;
  /** Grows with every hide or restore made on this page: the hidden list reloads. */
  changes: number;
}

const NOBODY: ModerationContextValue = { canModerate: false, hide: () => Promise.resolve(null), restore: () => Promise.resolve(null), changes: 0 };

export const ModerationContext = createContext<ModerationContextValue>(NOBODY);

export function useModerationContext(): ModerationContextValue {
  return useContext(ModerationContext);
}

/** The value `WallView` provides: commands go over the board's socket.io connection. */
export function useModeration(isOfficer: boolean, sendCommand: SendCommand): ModerationContextValue {
  const [changes, setChanges] = useState(0);
  const run = useCallback(
    async (event: string, payload: unknown): Promise<string | null> => {
      const answer = await sendCommand(event, payload);
      if (!answer.ok) return answer.error.message;
      setChanges((count) => count + 1);
      return null;
    },
    [sendCommand],
  );
  const hide = useCallback(
    (kind: ModeratedKind, key: string, reason: ModerationReason, detail: string) =>
      run(kind === 'note' ? MODERATION_COMMANDS.noteHide : MODERATION_COMMANDS.commentHide, { key, reason, detail }),
    [run],
  );
  const restore = useCallback(
    (kind: ModeratedKind, key: string) => run(kind === 'note' ? MODERATION_COMMANDS.noteRestore : MODERATION_COMMANDS.commentRestore, { key }),
    [run],
  );
  return useMemo(() => (isOfficer ? { canModerate: true, hide, restore, changes } : NOBODY), [isOfficer, hide, restore, changes]);
}
