import type * as Y from 'yjs';
import { describeModerationEntry } from '../../../shared/schema/publicModerationLog.js';
import { formatDateTime } from '../../format/dates.js';
import { useAfterChanges } from '../../hooks/useAfterChanges.js';
import { useResource } from '../../hooks/useResource.js';
import { useSession } from '../../session/SessionContext.js';
import { useDocSnapshot } from '../../board/useDocSnapshot.js';
import { WALL_ROOTS } from '../../../shared/schema/roots.js';

const countNotes = (doc: Y.Doc) => doc.getMap(WALL_ROOTS.notes).size + doc.getMap(WALL_ROOTS.comments).size;

/** After the wall's notes or comments change, the log is read again this long after (ms). */
const RELOAD_AFTER_CHANGES_MS = 5_000;

/**
 * Moderation in the open (issue 13): every hide, restore and removal, for everyone on the board: what kind
 * of item, when and why; never the content or who. Read over REST, and again a few seconds after the wall
 * gains or loses notes or comments (a hide or restore takes one off or puts it back): once for a burst of
 * changes, not once a broadcast, which on a busy board was a request per person per wall change.
 */
export function ModerationLogSection({ boardId, wallDoc }: { boardId: string; wallDoc: Y.Doc | null }) {
  const { api } = useSession();
  const [log, reload] = useResource(() => api.getModerationLog(boardId), boardId);
  const count = useDocSnapshot(wallDoc, countNotes, 0);
  useAfterChanges(count, RELOAD_AFTER_CHANGES_MS, reload);
  const entries = log.status === 'ready' ? log.data.entries : [];
  return (
    <section className="wall-section moderation-log" aria-labelledby="moderation-log-heading" data-testid="moderation-log">
      <h2 className="heading-l" id="moderation-log-heading">
        Moderation log
      </h2>
      <p className="body">Everything officers hid, restored or removed on this board, when and why. The content and the people are not shown.</p>
      {log.status === 'failed' && <p className="body">Sorry, the moderation log could not be loaded.</p>}
      {log.status === 'ready' && entries.length === 0 && <p className="body">Nothing has been hidden, restored or removed.</p>}
      {entries.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={index} data-testid="moderation-log-entry">
                <td>{formatDateTime(new Date(entry.at).toISOString())}</td>
                <td>{describeModerationEntry(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
