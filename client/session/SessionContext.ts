import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SessionView } from '../../shared/protocol/api.js';
import type { Api } from '../net/api.js';
import type { SessionSnapshot, SessionStore } from './sessionStore.js';

export const SessionContext = createContext<SessionStore | null>(null);

export interface SessionContextValue extends SessionSnapshot {
  api: Api;
  refresh(): Promise<SessionView | null>;
  adopt(session: SessionView): void;
}

/** Who is signed in, the API client, `refresh()` to re-read the session after it changes, `adopt()` to take one a response carried. */
export function useSession(): SessionContextValue {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession must be used inside <SessionContext.Provider>');
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { ...snapshot, api: store.api, refresh: store.refresh, adopt: store.adopt };
}

/** The signed-in officer's account, or null for participants, observers and people not signed in. */
export function officerAccount(session: SessionView | null): { id: string; name: string; email: string } | null {
  return session?.kind === 'officer' ? session.account : null;
}
