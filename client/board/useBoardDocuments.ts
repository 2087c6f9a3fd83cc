/**
 * The board's live documents for one viewer, opened in parallel: the brief, the wall (which also carries
 * presence) and the viewer's own draft (not for observers, who write nothing). Closed on unmount.
 */
import { useEffect, useState } from 'react';
import type { BoardResponse } from '../../shared/protocol/api.js';
import { snapshotPartOf } from '../net/boardSnapshot.js';
import { LiveDocument, yjsServerUrl, type LiveDocumentSnapshot } from '../net/yjsProvider.js';
import { summariseConnection, type ConnectionSummary } from './connectionSummary.js';
import { useLiveDocument } from './useLiveDocument.js';

interface LiveDocuments {
  brief: LiveDocument;
  wall: LiveDocument;
  draft: LiveDocument | null;
}

export interface BoardDocuments {
  brief: LiveDocumentSnapshot | null;
  wall: LiveDocumentSnapshot | null;
  /** Null for observers, and until the documents are opened. */
  draft: LiveDocumentSnapshot | null;
  connection: ConnectionSummary;
}

/** Room names are a contract with the server (ARCHITECTURE.md). */
export function roomNames(boardId: string, personId: string) {
  return { brief: `${boardId}/brief`, wall: `${boardId}/wall`, draft: `${boardId}/drafts/${personId}` };
}

export function useBoardDocuments(board: BoardResponse): BoardDocuments {
  const boardId = board.board.id;
  const { personId, epoch } = board.documents;
  const hasDraft = board.viewer.role !== 'observer';
  const [live, setLive] = useState<LiveDocuments | null>(null);

  useEffect(() => {
    const serverUrl = yjsServerUrl();
    const rooms = roomNames(boardId, personId);
    const open = (room: string, carriesPresence: boolean, firstContent?: () => Promise<Uint8Array | null>) =>
      new LiveDocument({ serverUrl, room, epoch, carriesPresence, ...(firstContent ? { firstContent } : {}) });
    const documents: LiveDocuments = {
      // A device without a copy reads the brief and wall compressed over HTTP first (ADR 0008).
      brief: open(rooms.brief, false, () => snapshotPartOf(boardId, epoch, 'brief')),
      wall: open(rooms.wall, true, () => snapshotPartOf(boardId, epoch, 'wall')),
      draft: hasDraft ? open(rooms.draft, false) : null,
    };
    setLive(documents);
    return () => {
      documents.brief.destroy();
      documents.wall.destroy();
      documents.draft?.destroy();
      setLive(null);
    };
  }, [boardId, personId, epoch, hasDraft]);

  const brief = useLiveDocument(live?.brief ?? null);
  const wall = useLiveDocument(live?.wall ?? null);
  const draft = useLiveDocument(live?.draft ?? null);
  return { brief, wall, draft, connection: summariseConnection([brief, wall, draft]) };
}
