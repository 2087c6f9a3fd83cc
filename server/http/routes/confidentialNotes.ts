import { Router } from 'express';
import * as Y from 'yjs';
import type { ConfidentialNotesResponse } from '../../../shared/protocol/api.js';
import { readDraftNotes } from '../../../shared/schema/draftNotes.js';
import { documentNames } from '../../rooms/BoardRoom.js';
import type { Store } from '../../store/store.js';
import { officerBoardAccess } from '../access.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/**
 * Ideas marked "confidential to the council" never reach the wall; the board's officers read them here
 * (the fair-engagement notice tells everyone that officers can read what they write). Read from the stored
 * drafts, so it shows everything the server has accepted, whether or not its author is online.
 */
export function confidentialNoteRoutes(deps: RouteDeps): Router {
  const { store } = deps;
  const router = Router();

  router.get('/boards/:boardId/confidential-notes', async (req, res) => {
    const { board, accountId } = await officerBoardAccess(store, res, idParam(req.params.boardId, 'board'));
    const people = [
      ...(await store.listParticipants(board.id))
        .filter((participant) => participant.role === 'participant')
        .map((participant) => ({ id: participant.id, name: participant.name, organisation: participant.organisation })),
      ...(await store.listBoardOfficers(board.id)).map((officer) => ({ id: officer.id, name: officer.name, organisation: 'Council officer' })),
    ];
    const body: ConfidentialNotesResponse = { notes: [] };
    for (const person of people) {
      for (const note of await confidentialNotesOf(store, board.id, person.id)) {
        body.notes.push({ ...note, authorName: person.name, authorOrganisation: person.organisation });
      }
    }
    body.notes.sort((a, b) => a.createdAt - b.createdAt);
    deps.log.info({ boardId: board.id, accountId, count: body.notes.length }, 'confidential notes read');
    res.json(body);
  });

  return router;
}

async function confidentialNotesOf(store: Store, boardId: string, personId: string) {
  const stored = await store.loadDocument(documentNames.draft(boardId, personId));
  if (!stored.snapshot && stored.updates.length === 0) return [];
  const doc = new Y.Doc();
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    const notes = [];
    for (const [noteId, check] of readDraftNotes(doc)) {
      if (!check.ok || check.note.visibility !== 'confidential') continue;
      const { text, colour, targetId, createdAt } = check.note;
      notes.push({ noteId, text, colour, targetId, createdAt });
    }
    return notes;
  } finally {
    doc.destroy();
  }
}
