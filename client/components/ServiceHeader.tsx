import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { SERVICE_NAME } from '../hooks/usePageTitle.js';
import { useSession } from '../session/SessionContext.js';
import { PhaseBanner } from './PhaseBanner.js';
import type { SessionView } from '../../shared/protocol/api.js';

function displayName(session: SessionView): string {
  return session.kind === 'officer' ? session.account.name : session.participant.name;
}

/** Black GOV.UK-style header: the service name, and who is signed in with a way to sign out. */
export function ServiceHeader() {
  const { session, api, refresh } = useSession();
  const navigate = useNavigate();
  const [isSigningOut, setSigningOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function handleSignOut(): Promise<void> {
    if (isSigningOut) return;
    setSigningOut(true);
    setProblem(null);
    try {
      await api.signOut();
      await refresh();
      await navigate('/');
    } catch {
      setProblem('Sorry, we could not sign you out. Try again.');
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <header className="header">
      <div className="header__bar">
        <div className="header__container width-container">
          <Link to="/" className="header__service-name">
            {SERVICE_NAME}
          </Link>
          {session !== null && (
            <div className="header__account">
              <span className="header__person">
                <span className="visually-hidden">Signed in as </span>
                {displayName(session)}
              </span>
              <button type="button" className="header__sign-out" onClick={() => void handleSignOut()}>
                Sign out
              </button>
            </div>
          )}
        </div>
        {problem !== null && (
          <p className="header__problem width-container" role="alert">
            {problem}
          </p>
        )}
      </div>
      <PhaseBanner />
    </header>
  );
}
