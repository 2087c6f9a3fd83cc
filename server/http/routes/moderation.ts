import { Router } from 'express';
import type * as Y from 'yjs';
import type { HiddenItemView, ModerationLogEntryView, ModerationResponse } from '../../../shared/schema/moderation.js';
import { parseWallKey } from '../../../shared/schema/wall.js';
import { documentNames } from '../../rooms/BoardRoom.js';
import type { ModerationActionRecord } from '../../store/store.js';
import { officerBoardAccess } from '../access.js';
import { readStoredDocument } from './confidentialNotes.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/** The draft root each kind lives in (moderation keys notes and comments alike: `<personId>:<itemId>`). */
const DRAFT_ROOT_OF = { note: 'notes', comment: 'comments' } as const;

/**
 * Officers only: what is hidden on the board now (with its text, read from its author's draft, since a
 * hidden item is not on the wall), and the whole moderation log (who hid or restored what, when, why).
 * Participants get 403: the reasons and the text of hidden items are for officers (the public log comes
 * with the fair-record issue).
 */
export function moderationRoutes(deps: RouteDeps): Router {
  const { store } = deps;
  const router = Router();

  router.get('/boards/:boardId/moderation', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const [hidden, log, participants, officers] = await Promise.all([
      store.listHiddenItems(board.id),
      store.listModerationActions(board.id),
      store.listParticipants(board.id),
      store.listBoardOfficers(board.id),
    ]);
    const people = new Map<string, { name: string; organisation: string }>();
    for (const participant of participants) people.set(participant.id, { name: participant.name, organisation: participant.organisation });
    for (const officer of officers) people.set(officer.id, { name: officer.name, organisation: 'Council officer' });
    // A former officer who moderated and has since left the board is still named in the log.
    for (const officerId of new Set(log.map((action) => action.officerId))) {
      if (people.has(officerId)) continue;
      const account = await store.findAccountById(officerId);
      people.set(officerId, { name: account?.name ?? 'A former officer', organisation: 'Council officer' });
    }
    const officerOf = (id: string) => ({ id, name: people.get(id)?.name ?? 'A former officer' });

    const body: ModerationResponse = { hidden: [], log: log.map((action) => logEntry(action, officerOf)) };
    const drafts = new DraftReader(deps, board.id);
    try {
      for (const action of hidden) {
        const ids = parseWallKey(action.key);
        if (!ids || action.reason === null) continue;
        const author = people.get(ids.personId);
        const record = await drafts.recordOf(ids.personId, DRAFT_ROOT_OF[action.kind], ids.noteId);
        const view: HiddenItemView = {
          kind: action.kind,
          key: action.key,
          authorId: ids.personId,
          authorName: author?.name ?? '',
          authorOrganisation: author?.organisation ?? '',
          text: typeof record?.text === 'string' ? record.text : null,
          targetId: typeof record?.targetId === 'string' ? record.targetId : null,
          reason: action.reason,
          detail: action.detail,
          hiddenBy: officerOf(action.officerId),
          hiddenAt: new Date(action.at).toISOString(),
        };
        body.hidden.push(view);
      }
    } finally {
      drafts.destroy();
    }
    deps.log.info({ boardId: board.id, accountId, hidden: body.hidden.length }, 'moderation list read');
    res.json(body);
  });

  return router;
}

function logEntry(action: ModerationActionRecord, officerOf: (id: string) => { id: string; name: string }): ModerationLogEntryView {
  return {
    kind: action.kind,
    key: action.key,
    action: action.action,
    reason: action.reason,
    detail: action.detail,
    officer: officerOf(action.officerId),
    at: new Date(action.at).toISOString(),
  };
}

/**
 * Reads authors' drafts once each: the loaded, fully stored copy when the board is in memory (no replay),
 * otherwise the store's snapshot and short log (see confidentialNotes.ts). Copies it loaded are destroyed.
 */
class DraftReader {
  private readonly docs = new Map<string, Promise<{ doc: Y.Doc | null; isOwned: boolean }>>();

  constructor(
    private readonly deps: RouteDeps,
    private readonly boardId: string,
  ) {}

  async recordOf(personId: string, root: string, itemId: string): Promise<Record<string, unknown> | null> {
    let loading = this.docs.get(personId);
    if (!loading) {
      loading = this.load(personId);
      this.docs.set(personId, loading);
    }
    const { doc } = await loading;
    const value: unknown = doc?.getMap(root).get(itemId);
    if (value === undefined || value === null || typeof value !== 'object') return null;
    const record = value as { toJSON?: () => unknown };
    const plain: unknown = typeof record.toJSON === 'function' ? record.toJSON() : value;
    return typeof plain === 'object' && plain !== null ? (plain as Record<string, unknown>) : null;
  }

  private async load(personId: string): Promise<{ doc: Y.Doc | null; isOwned: boolean }> {
    const name = documentNames.draft(this.boardId, personId);
    const live = await this.deps.liveDocuments?.storedContentOf(this.boardId, name);
    if (live) return { doc: live, isOwned: false };
    return { doc: await readStoredDocument(this.deps.store, this.deps.log, name), isOwned: true };
  }

  destroy(): void {
    for (const loading of this.docs.values()) {
      void loading.then(({ doc, isOwned }) => {
        if (isOwned) doc?.destroy();
      });
    }
  }
}
