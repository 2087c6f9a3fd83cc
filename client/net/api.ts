/** Every REST call the client makes, one function each, typed by the shared contract. */
import type { PublicModerationLogResponse } from '../../shared/schema/publicModerationLog.js';
import type {
  SealedNotesResponse,
  BoardParticipantsResponse,
  ConfidentialNotesResponse,
  AcceptOfficerInvitationBody,
  BoardListResponse,
  BoardOfficersResponse,
  BoardResponse,
  BoardSummaryResponse,
  BoardView,
  CreateBoardBody,
  CreateInviteLinkBody,
  EventCodeLookupBody,
  EventCodeLookupResponse,
  InviteLinkListResponse,
  RoomInviteResponse,
  InviteLinkView,
  InviteOfficerBody,
  InviteOfficerResponse,
  InvitationsToYouResponse,
  OfficerChangesResponse,
  JoinBoardBody,
  JoinInfoResponse,
  OfficerInvitationInfoResponse,
  RemoveParticipantBody,
  RemoveParticipantsBody,
  RemoveParticipantsResponse,
  SessionResponse,
  SessionView,
  SetUpFirstOfficerBody,
  SignInBody,
  UpdateBoardBody,
} from '../../shared/protocol/api.js';
import type { ModerationResponse } from '../../shared/schema/moderation.js';
import type { HttpClient } from './http.js';

interface SessionResult {
  session: SessionView;
}

/**
 * Accepting an officer invitation answers `{ session }`; a server may also say which board it was for.
 * The client uses `boardId` when present and falls back to the dashboard.
 */
export interface AcceptOfficerInvitationResult extends SessionResult {
  boardId?: unknown;
}

const segment = encodeURIComponent;

function boardPath(boardId: string): string {
  return `/api/boards/${segment(boardId)}`;
}

export function createApi(http: HttpClient) {
  return {
    getSession: () => http.get<SessionResponse>('/api/session'),
    signIn: (body: SignInBody) => http.send<SessionResult>('POST', '/api/sign-in', body),
    signOut: () => http.send<void>('POST', '/api/sign-out'),

    checkSetUpLink: (token: string) => http.get<{ valid: true }>(`/api/setup/${segment(token)}`),
    setUpFirstOfficer: (token: string, body: SetUpFirstOfficerBody) =>
      http.send<SessionResult>('POST', `/api/setup/${segment(token)}`, body),

    listBoards: () => http.get<BoardListResponse>('/api/boards'),
    createBoard: (body: CreateBoardBody) => http.send<{ board: BoardView }>('POST', '/api/boards', body),
    getBoard: (boardId: string) => http.get<BoardResponse>(boardPath(boardId)),
    updateBoard: (boardId: string, body: UpdateBoardBody) =>
      http.send<{ board: BoardView }>('PATCH', boardPath(boardId), body),
    archiveBoard: (boardId: string) => http.send<{ board: BoardView }>('POST', `${boardPath(boardId)}/archive`),
    restoreBoard: (boardId: string) => http.send<{ board: BoardView }>('POST', `${boardPath(boardId)}/restore`),

    listOfficers: (boardId: string) => http.get<BoardOfficersResponse>(`${boardPath(boardId)}/officers`),
    inviteOfficer: (boardId: string, body: InviteOfficerBody) =>
      http.send<InviteOfficerResponse>('POST', `${boardPath(boardId)}/officers`, body),
    getOfficerInvitation: (token: string) =>
      http.get<OfficerInvitationInfoResponse>(`/api/officer-invitations/${segment(token)}`),
    /** With a name and password for someone new; with no body when signed in with the invited address. */
    acceptOfficerInvitation: (token: string, body: AcceptOfficerInvitationBody | Record<string, never>) =>
      http.send<AcceptOfficerInvitationResult>('POST', `/api/officer-invitations/${segment(token)}`, body),
    withdrawOfficerInvitation: (boardId: string, invitationId: string) =>
      http.send<{ withdrawn: { id: string } }>(
        'POST',
        `${boardPath(boardId)}/officer-invitations/${segment(invitationId)}/withdraw`,
      ),
    removeOfficer: (boardId: string, accountId: string) =>
      http.send<{ removed: { id: string } }>('POST', `${boardPath(boardId)}/officers/${segment(accountId)}/remove`),
    leaveBoard: (boardId: string) => http.send<{ removed: { id: string } }>('POST', `${boardPath(boardId)}/leave`),
    listOfficerChanges: (boardId: string) => http.get<OfficerChangesResponse>(`${boardPath(boardId)}/audit`),
    listInvitationsToYou: () => http.get<InvitationsToYouResponse>('/api/my-invitations'),
    acceptInvitationToYou: (invitationId: string) =>
      http.send<{ boardId: string }>('POST', `/api/my-invitations/${segment(invitationId)}/accept`),
    declineInvitationToYou: (invitationId: string) =>
      http.send<{ declined: { id: string } }>('POST', `/api/my-invitations/${segment(invitationId)}/decline`),

    listInviteLinks: (boardId: string) => http.get<InviteLinkListResponse>(`${boardPath(boardId)}/invite-links`),
    /** The room screen's corner: the newest active participant link (issue 14). */
    getRoomInvite: (boardId: string) => http.get<RoomInviteResponse>(`${boardPath(boardId)}/room-invite`),
    /** One board at a glance for the dashboard: event code, phase, people now, ideas (issue 14). */
    getBoardSummary: (boardId: string) => http.get<BoardSummaryResponse>(`${boardPath(boardId)}/summary`),
    createInviteLink: (boardId: string, body: CreateInviteLinkBody) =>
      http.send<{ link: InviteLinkView }>('POST', `${boardPath(boardId)}/invite-links`, body),
    revokeInviteLink: (boardId: string, linkId: string) =>
      http.send<{ link: InviteLinkView }>('POST', `${boardPath(boardId)}/invite-links/${segment(linkId)}/revoke`),

    listParticipants: (boardId: string) => http.get<BoardParticipantsResponse>(`${boardPath(boardId)}/participants`),
    removeParticipant: (boardId: string, participantId: string, body?: RemoveParticipantBody) =>
      http.send<{ removed: { id: string; removedAt: string }; hiddenItems?: number }>(
        'POST',
        `${boardPath(boardId)}/participants/${segment(participantId)}/remove`,
        body,
      ),

    removeParticipants: (boardId: string, body: RemoveParticipantsBody) =>
      http.send<RemoveParticipantsResponse>('POST', `${boardPath(boardId)}/participants/remove`, body),
    letParticipantBackIn: (boardId: string, participantId: string) =>
      http.send<{ participant: { id: string; letBackInAt: string | null } }>(
        'POST',
        `${boardPath(boardId)}/participants/${segment(participantId)}/let-back-in`,
      ),

    listModeration: (boardId: string) => http.get<ModerationResponse>(`${boardPath(boardId)}/moderation`),

    listConfidentialNotes: (boardId: string) =>
      http.get<ConfidentialNotesResponse>(`${boardPath(boardId)}/confidential-notes`),

    getJoinInfo: (token: string) => http.get<JoinInfoResponse>(`/api/join/${segment(token)}`),
    joinBoard: (token: string, body: JoinBoardBody) => http.send<SessionResult>('POST', `/api/join/${segment(token)}`, body),
    lookUpEventCode: (body: EventCodeLookupBody) => http.send<EventCodeLookupResponse>('POST', '/api/event-codes', body),

    // Issue 13: fair and open.
    listSealedNotes: (boardId: string) => http.get<SealedNotesResponse>(`${boardPath(boardId)}/sealed-notes`),
    getModerationLog: (boardId: string) => http.get<PublicModerationLogResponse>(`${boardPath(boardId)}/moderation-log`),
  };
}

/** Address of the officers' download of (email, idea, the council's answer), to tell participants (issue 13). */
export function outcomeEmailsUrl(boardId: string): string {
  return `${boardPath(boardId)}/outcome-emails.csv`;
}

export type Api = ReturnType<typeof createApi>;

/** Address of an invite link's QR code image (an SVG the server draws). */
export function inviteLinkQrCodeUrl(boardId: string, linkId: string): string {
  return `${boardPath(boardId)}/invite-links/${segment(linkId)}/qr.svg`;
}

/** Address of a board's export download in one format (officers only; the server sends it as an attachment). */
export function boardExportUrl(boardId: string, format: 'csv' | 'json' | 'html' | 'md'): string {
  return `${boardPath(boardId)}/export/${format}`;
}
