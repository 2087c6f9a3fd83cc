import { Router } from 'express';
import * as Y from 'yjs';
import type { ConfidentialNotesResponse } from '../../../shared/protocol/api.js';
import { readDraftNotes } from '../../../shared/schema/draftNotes.js';
import type { Logger } from '../../log.js';
import { documentNames } from '../../rooms/BoardRoom.js';
import { isCompactionDue } from '../../rooms/compaction.js';
import type { Store } from '../../store/store.js';
import { officerBoardAccess } from '../access.js';
import type { RouteDeps } from './deps.js';
import { idParam } from './params.js';

/**
 * Ideas marked "confidential to the council" never reach the wall; the board's officers read them here
 * (the fair-engagement notice tells everyone that officers can read what they write). It shows everything
 * the server has stored, whether or not its author is online: from the loaded draft when the board is in
 * memory and the draft is fully stored (no store read, no replay), otherwise from the store (the snapshot
 * plus the short log after it: compaction bounds that log by count and bytes, rooms/compaction.ts). A long
 * log left by an older version is folded into a snapshot on the first read, so no request replays it twice.
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
      for (const note of await confidentialNotesOf(deps, board.id, person.id)) {
        body.notes.push({ ...note, authorName: person.name, authorOrganisation: person.organisation });
      }
    }
    body.notes.sort((a, b) => a.createdAt - b.createdAt);
    deps.log.info({ boardId: board.id, accountId, count: body.notes.length }, 'confidential notes read');
    res.json(body);
  });

  return router;
}

async function confidentialNotesOf(deps: RouteDeps, boardId: string, personId: string) {
  const documentName = documentNames.draft(boardId, personId);
  const live = await deps.liveDocuments?.storedContentOf(boardId, documentName);
  if (live) return confidentialNotesIn(live);
  const doc = await readStoredDocument(deps.store, deps.log, documentName);
  if (!doc) return [];
  try {
    return confidentialNotesIn(doc);
  } finally {
    doc.destroy();
  }
}

function confidentialNotesIn(doc: Y.Doc) {
  const notes = [];
  for (const [noteId, check] of readDraftNotes(doc)) {
    if (!check.ok || check.note.visibility !== 'confidential') continue;
    const { text, colour, targetId, createdAt } = check.note;
    notes.push({ noteId, text, colour, targetId, createdAt });
  }
  return notes;
}

/** The stored document (snapshot + log), folding a log long enough to compact into a snapshot. Null when empty. */
export async function readStoredDocument(store: Store, log: Logger, documentName: string): Promise<Y.Doc | null> {
  const stored = await store.loadDocument(documentName);
  if (!stored.snapshot && stored.updates.length === 0) return null;
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const logSize = {
    updates: stored.updates.length,
    updateBytes: stored.updates.reduce((sum, update) => sum + update.byteLength, 0),
    snapshotBytes: stored.snapshot?.byteLength ?? 0,
  };
  if (isCompactionDue(logSize)) {
    // `doc` holds exactly the snapshot and the rows up to `throughSeq`: a snapshot of it covers them.
    await store.compactDocument(documentName, Y.encodeStateAsUpdate(doc), stored.throughSeq).catch((error: unknown) => {
      log.error({ err: error, document: documentName }, 'compaction on read failed; the log is kept as it was');
    });
  }
  return doc;
}
