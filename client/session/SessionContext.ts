import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SessionView } from '../../shared/protocol/api.js';
import type { Api } from '../net/api.js';
import type { SessionSnapshot, SessionStore } from './sessionStore.js';

export const SessionContext = createContext<SessionStore | null>(null);

export interface SessionContextValue extends SessionSnapshot {
  api: Api;
  refresh(): Promise<SessionView | null>;
}

/** Who is signed in, the API client, and `refresh()` to re-read the session after it changes. */
export function useSession(): SessionContextValue {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession must be used inside <SessionContext.Provider>');
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { ...snapshot, api: store.api, refresh: store.refresh };
}

/** The signed-in officer's account, or null for participants, observers and people not signed in. */
export function officerAccount(session: SessionView | null): { id: string; name: string; email: string } | null {
  return session?.kind === 'officer' ? session.account : null;
}
