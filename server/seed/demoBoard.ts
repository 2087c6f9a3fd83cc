import type { Store } from '../store/store.js';
import { newId } from '../auth/tokens.js';
import { createInviteLink } from '../http/routes/inviteLinks.js';

export const DEMO_BOARD_TITLE = 'Housing repairs: early market engagement (demo)';

/**
 * On a fresh data directory, one demo board so a newcomer has something to look at. It has no officer
 * until the first officer is set up, who then owns it. Returns the board id, or null when boards exist.
 */
export async function seedDemoBoard(store: Store, now: number): Promise<{ boardId: string; eventCode: string | null } | null> {
  if ((await store.countBoards()) > 0) return null;
  const boardId = newId();
  await store.createBoard(
    {
      id: boardId,
      title: DEMO_BOARD_TITLE,
      summary:
        'We want to hear how suppliers could help tenants report repairs and get them fixed right first time. ' +
        'Nothing here is a tender: it is an early conversation, before any specification is written.',
      notice:
        'Everything you post here may be published in the open as part of the council’s market-engagement record, ' +
        'with your name and organisation. Ideas you mark as confidential are seen only by council officers. ' +
        'Council officers can read everything you write on this board. Taking part gives no supplier an advantage ' +
        'in any future procurement, and every supplier is given the same information.',
      status: 'open',
      createdAt: now,
      updatedAt: now,
    },
    null,
  );
  const link = await createInviteLink(store, boardId, 'participant', null, now);
  return { boardId, eventCode: link.code };
}
