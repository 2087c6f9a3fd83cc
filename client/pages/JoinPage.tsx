import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiFailure } from '../components/ApiFailure.js';
import { InsetText } from '../components/InsetText.js';
import { JoinForm } from '../components/JoinForm.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { PageHeading } from '../components/PageHeading.js';
import { loadRequestSchemas } from '../forms/requestSchemas.js';
import { useResource } from '../hooks/useResource.js';
import { BoardPage } from '../pagesOnDemand.js';
import { useSession } from '../session/SessionContext.js';
import { LinkUnavailablePage } from './LinkUnavailablePage.js';
import { RemovedFromBoardPage } from './RemovedFromBoardPage.js';

/** A supplier or observer arrives from an invitation link or event code, reads the notice, and joins. */
export function JoinPage() {
  const { token = '' } = useParams();
  const { api } = useSession();
  const [info] = useResource(() => api.getJoinInfo(token), token);
  const [unavailableCode, setUnavailableCode] = useState<string | null>(null);
  const [isRemoved, setRemoved] = useState(false);
  // Once the form is on screen (not before: on a slow link these would queue ahead of it), fetch what
  // comes next while the person reads the notice and types: the form's schemas and the wall's code.
  const isFormShown = info.status === 'ready';
  useEffect(() => {
    if (!isFormShown) return;
    loadRequestSchemas().catch(() => undefined);
    BoardPage.preload();
  }, [isFormShown]);

  if (isRemoved) return <RemovedFromBoardPage />;
  if (unavailableCode !== null) return <LinkUnavailablePage code={unavailableCode} />;
  if (info.status === 'loading') return <LoadingMessage />;
  if (info.status === 'failed') {
    if (info.error.code === 'removed-from-board') return <RemovedFromBoardPage />;
    if (info.error.status === 410) return <LinkUnavailablePage code={info.error.code} />;
    return <ApiFailure error={info.error} />;
  }

  const { board, role, requiresEmail = false } = info.data;
  return (
    <div className="grid-row">
      <div className="grid-column-two-thirds">
        <JoinForm
          token={token}
          role={role}
          boardTitle={board.title}
          requiresEmail={requiresEmail}
          onLinkUnavailable={setUnavailableCode}
          onRemovedFromBoard={() => setRemoved(true)}
        >
          <PageHeading caption="You are invited to join" className="heading-xl break-words">
            {board.title}
          </PageHeading>
          {board.summary.trim() !== '' && <p className="body-l multiline">{board.summary}</p>}
          {role === 'observer' && (
            <p className="body observer-note">
              <strong>You are joining as an observer: you will see the wall live, but cannot add notes, votes, reactions or comments.</strong>
            </p>
          )}
          <h2 className="heading-m" id="notice-heading">
            Fair-engagement notice
          </h2>
          <InsetText id="notice">
            <p className="body multiline">{board.notice}</p>
          </InsetText>
        </JoinForm>
      </div>
    </div>
  );
}
