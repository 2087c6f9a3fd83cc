import { Router } from 'express';
import type * as Y from 'yjs';
import type { SealedNotesResponse } from '../../../shared/protocol/api.js';
import { readDraftNotes } from '../../../shared/schema/draftNotes.js';
import { readSealed } from '../../../shared/schema/sealed.js';
import { readWallNotes, wallKeyFor } from '../../../shared/schema/wall.js';
import { documentNames } from '../../rooms/BoardRoom.js';
import { officerBoardAccess } from '../access.js';
import { readStoredDocument } from './confidentialNotes.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/**
 * While a board is sealed ("hide ideas until reveal", shared/schema/sealed.ts) participants' ideas stay in
 * their drafts; the board's officers read them here, like confidential ideas (the fair-engagement notice
 * says officers can read what is written). A held idea is a public, non-empty draft note whose text is not
 * on the wall as drafted (new, or edited since it was published). Read from the loaded documents when the
 * board is in memory, otherwise from the store.
 */
export function sealedNoteRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.get('/boards/:boardId/sealed-notes', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(deps.store, res, idParam(req.params.boardId, 'board'));
    const body: SealedNotesResponse = { sealed: false, notes: [] };
    await withDocument(deps, board.id, documentNames.brief(board.id), (brief) => {
      body.sealed = brief ? readSealed(brief) : false;
    });
    if (body.sealed) {
      const wallNotes = await withDocument(deps, board.id, documentNames.wall(board.id), (wall) => (wall ? readWallNotes(wall) : new Map()));
      const participants = (await deps.store.listParticipants(board.id)).filter((person) => person.role === 'participant');
      for (const person of participants) {
        await withDocument(deps, board.id, documentNames.draft(board.id, person.id), (draft) => {
          if (!draft) return;
          for (const [noteId, check] of readDraftNotes(draft)) {
            if (!check.ok || check.note.visibility !== 'public' || check.note.text.trim() === '') continue;
            const { text, colour, targetId, createdAt } = check.note;
            if (wallNotes.get(wallKeyFor(person.id, noteId))?.text === text) continue;
            body.notes.push({ noteId, text, colour, targetId, createdAt, authorName: person.name, authorOrganisation: person.organisation });
          }
        });
      }
      body.notes.sort((a, b) => a.createdAt - b.createdAt);
    }
    deps.log.info({ boardId: board.id, accountId, count: body.notes.length }, 'sealed notes read');
    res.json(body);
  });

  return router;
}

/** Runs `read` on the document as stored (live copy when loaded here), null when it has no content. */
async function withDocument<T>(deps: RouteDeps, boardId: string, documentName: string, read: (doc: Y.Doc | null) => T): Promise<T> {
  const live = await deps.liveDocuments?.storedContentOf(boardId, documentName);
  if (live) return read(live);
  const doc = await readStoredDocument(deps.store, deps.log, documentName);
  try {
    return read(doc);
  } finally {
    doc?.destroy();
  }
}
