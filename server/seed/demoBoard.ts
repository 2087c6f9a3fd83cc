import * as Y from 'yjs';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import type { BoardsPort, DocumentLogPort, InviteLinksPort } from '../store/store.js';
import { documentNames } from '../rooms/BoardRoom.js';
import { newId } from '../auth/tokens.js';
import { createInviteLink } from '../http/routes/inviteLinks.js';

export const DEMO_BOARD_TITLE = 'Housing repairs: early market engagement (demo)';

/**
 * On a fresh data directory, one demo board so a newcomer has something to look at. It has no officer
 * until the first officer is set up, who then owns it. Returns the board id, or null when boards exist.
 */
export async function seedDemoBoard(store: BoardsPort & Pick<DocumentLogPort, 'appendDocumentUpdates'> & InviteLinksPort, now: number): Promise<{ boardId: string; eventCode: string | null } | null> {
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
  await store.appendDocumentUpdates([{ documentName: documentNames.brief(boardId), update: demoBrief() }]);
  const link = await createInviteLink(store, boardId, 'participant', null, now);
  return { boardId, eventCode: link.code };
}

/** The demo brief: one problem statement and a five-stage "report a repair" service map. */
function demoBrief(): Uint8Array {
  const doc = new Y.Doc();
  addProblem(doc, {
    title: 'Too many repairs need a second visit',
    body:
      'About one repair in three needs a second visit, because the first visit arrives without the right part, ' +
      'the right trade or enough information about the problem.',
    userNeeds:
      'As a tenant, I need my repair fixed on the first visit, so that I do not lose another day off work waiting in.',
    constraints: 'Works with our existing housing management system. Tenants must be able to report by phone as well as online.',
  });
  const mapId = addServiceMap(doc, { title: 'Report a repair' });
  const stages = [
    ['Report', 'The tenant tells us something is broken.', 'Hard to describe the problem; long phone queues.'],
    ['Diagnose', 'We work out what the job is and which trade it needs.', 'Photos are rare; jobs are often mis-coded.'],
    ['Book', 'We agree a time with the tenant.', 'All-day slots; no reminders.'],
    ['Visit', 'An operative does the work.', 'Wrong parts on the van; no access.'],
    ['Check', 'We confirm the repair is done and the tenant is happy.', 'Few tenants answer the survey.'],
  ] as const;
  for (const [title, description, painPoints] of stages) addStage(doc, mapId, { title, description, painPoints });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
