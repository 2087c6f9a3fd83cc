import { Link } from 'react-router-dom';
import type { PersonRole } from '../../../shared/protocol/api.js';
import type { LinkProblem, StopReason } from '../../net/yjsProvider.js';
import { WallAlert } from './WallAlert.js';

interface ConnectionProblemProps {
  stopReason: StopReason | null;
  problem: LinkProblem;
  role: PersonRole;
  /** The server cannot store this person's changes now. */
  isNotSaved?: boolean;
}

/** What to do when the server ended the connection for good, or refused a change. */
export function ConnectionProblem({ stopReason, problem, role, isNotSaved = false }: ConnectionProblemProps) {
  switch (stopReason) {
    case 'unauthenticated':
      return (
        <WallAlert heading="Your session has ended" testId="session-ended">
          {role === 'officer' ? (
            <p className="body">
              <Link to="/sign-in">Sign in again</Link> to go on working on this board.
            </p>
          ) : (
            <p className="body">
              To go back to the board, open the invitation link again, or <Link to="/">enter the event code</Link>.
            </p>
          )}
        </WallAlert>
      );
    case 'removed':
      return (
        <WallAlert heading="You have been removed from this board" testId="removed">
          {role === 'officer' ? (
            <p className="body">
              You are no longer an officer of this board. The wall will no longer update here.{' '}
              <Link to="/boards">Go to your boards</Link>
            </p>
          ) : (
            <p className="body">
              The council removed you from this board or withdrew your invitation link. The wall will no longer update here.
              Contact the council if you think this is a mistake.
            </p>
          )}
        </WallAlert>
      );
    case 'unknown-room':
      return (
        <WallAlert heading="This board is not available" testId="board-unavailable">
          <p className="body">It may have been deleted. The wall will no longer update here.</p>
        </WallAlert>
      );
    case 'refused':
      return (
        <WallAlert heading="The wall could not connect" testId="connection-refused">
          <p className="body">Reload the page to try again.</p>
        </WallAlert>
      );
    case 'not-open-yet':
      // The page replaces the wall with "This board is not open yet" at once (see `Wall`).
      return null;
    case null:
      break;
  }
  if (isNotSaved) {
    return (
      <WallAlert heading="The server cannot store changes at the moment" testId="not-saved">
        <p className="body">
          Your changes are kept on this device and sent again when the server can store them. Keep this page open and do
          not clear your browser’s data until this message goes.
        </p>
      </WallAlert>
    );
  }
  if (problem === 'too-many-tabs') {
    return (
      <WallAlert heading="This board is open in too many tabs" testId="too-many-tabs">
        <p className="body">Close this board in the tabs or windows you are not using. This page will then connect again by itself.</p>
      </WallAlert>
    );
  }
  if (problem === 'server-busy') {
    return (
      <WallAlert heading="The server is busy" testId="server-busy">
        <p className="body">Too many people are connected at the moment. This page will keep trying to connect. Your notes are kept on this device.</p>
      </WallAlert>
    );
  }
  if (problem === 'too-large') {
    return (
      <WallAlert heading="A change was too large to save" testId="too-large">
        <p className="body">If you have written a lot of notes, delete some you no longer need. Then try again.</p>
      </WallAlert>
    );
  }
  return null;
}
