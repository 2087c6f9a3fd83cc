/**
 * The REST contract: request bodies as zod schemas (validated on the server, reused by the client's forms)
 * and response shapes as types. Every error body is `{ error: { code, message, details? } }`.
 */
import { ORGANISATION_SIZES, WORKED_BEFORE_ANSWERS } from '../schema/reach.js';
import { z } from 'zod';
import type { BoardPhase } from '../schema/briefMeta.js';
import {
  MAX_BOARD_NOTICE_CHARS,
  MAX_BOARD_SUMMARY_CHARS,
  MAX_BOARD_TITLE_CHARS,
  MAX_EMAIL_CHARS,
  MAX_ORGANISATION_CHARS,
  MAX_PASSWORD_CHARS,
  MAX_PERSON_NAME_CHARS,
  MIN_PASSWORD_CHARS,
  MAX_PARTICIPANTS_PER_REMOVAL,
} from '../limits.js';
import { hideReasonBody } from '../schema/moderation.js';
import { pipelineFields, type PipelineDetails } from '../schema/pipeline.js';
import { describeHiddenCharacter, findHiddenCharacter, hasNoHiddenCharacters, type TextShape } from '../text/hiddenCharacters.js';

/** Error codes, a closed set. The HTTP status for each is in `HTTP_STATUS_FOR_ERROR`. */
export const ERROR_CODES = {
  invalidInput: 'invalid-input',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  csrf: 'csrf',
  notFound: 'not-found',
  conflict: 'conflict',
  rateLimited: 'rate-limited',
  linkRevoked: 'link-revoked',
  linkExpired: 'link-expired',
  linkUsed: 'link-used',
  boardArchived: 'board-archived',
  boardFull: 'board-full',
  internal: 'internal',
  /** The store cannot write now (disk full, read-only): try again later; nothing was saved. */
  storeUnavailable: 'store-unavailable',
  removedFromBoard: 'removed-from-board',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const HTTP_STATUS_FOR_ERROR: Record<ErrorCode, number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  'link-revoked': 410,
  'link-expired': 410,
  'link-used': 410,
  'board-archived': 410,
  'board-full': 409,
  internal: 500,
  'store-unavailable': 503,
  'removed-from-board': 403,
};

/** One field's problem, for the GOV.UK error summary: `field` is the input's name. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: { fields?: FieldError[] } };
}

/** Name of the header that carries the CSRF token on every state-changing request (its own file: see there). */
export { CSRF_HEADER } from './csrfHeader.js';

// ---- Field rules -------------------------------------------------------------------------------

/** Printable text on one line: no control or format characters (they can hide or reorder text). */
const oneLine = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` })
    .refine((text) => hasNoHiddenCharacters(text, 'one-line'), { error: hiddenCharacterError(label, 'one-line') });

/** Free text over several lines: newlines allowed, other control characters not. */
const paragraph = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` })
    .refine((text) => hasNoHiddenCharacters(text, 'multi-line'), { error: hiddenCharacterError(label, 'multi-line') });

/** The field's message for a hidden character, naming the character (the rule is shared/text/hiddenCharacters.ts). */
function hiddenCharacterError(label: string, shape: TextShape) {
  return (issue: { input?: unknown }): string => {
    const found = typeof issue.input === 'string' ? findHiddenCharacter(issue.input, shape) : null;
    return found
      ? describeHiddenCharacter(capitalise(label.replace(/^(a|an) /, 'the ')), found)
      : `${capitalise(label)} must not contain hidden characters`;
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const emailField = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Enter an email address' })
  .max(MAX_EMAIL_CHARS, { error: `Email address must be ${MAX_EMAIL_CHARS} characters or fewer` })
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.org' }));

export const passwordField = z
  .string({ error: 'Enter a password' })
  .min(MIN_PASSWORD_CHARS, { error: `Password must be ${MIN_PASSWORD_CHARS} characters or more` })
  .max(MAX_PASSWORD_CHARS, { error: `Password must be ${MAX_PASSWORD_CHARS} characters or fewer` });

export const personNameField = oneLine('your full name', MAX_PERSON_NAME_CHARS);
export const organisationField = oneLine('your organisation', MAX_ORGANISATION_CHARS);
export const boardTitleField = oneLine('a board title', MAX_BOARD_TITLE_CHARS);
export const boardSummaryField = paragraph('a summary', MAX_BOARD_SUMMARY_CHARS);
export const boardNoticeField = paragraph('a fair-engagement notice', MAX_BOARD_NOTICE_CHARS).refine(
  (text) => text.trim().length > 0,
  { error: 'Enter a fair-engagement notice' },
);

// ---- Request bodies ----------------------------------------------------------------------------

export const setUpFirstOfficerBody = z.strictObject({
  name: personNameField,
  email: emailField,
  password: passwordField,
});
export type SetUpFirstOfficerBody = z.infer<typeof setUpFirstOfficerBody>;

export const signInBody = z.strictObject({
  email: emailField,
  password: z.string({ error: 'Enter your password' }).min(1, { error: 'Enter your password' }).max(MAX_PASSWORD_CHARS),
});
export type SignInBody = z.infer<typeof signInBody>;

export const createBoardBody = z.strictObject({
  title: boardTitleField,
  summary: boardSummaryField,
  notice: boardNoticeField,
});
export type CreateBoardBody = z.infer<typeof createBoardBody>;

export const updateBoardBody = z
  .strictObject({
    title: boardTitleField.optional(),
    summary: boardSummaryField.optional(),
    notice: boardNoticeField.optional(),
    /** "Ask people for their email when they join" (off by default). */
    requiresEmail: z.boolean({ error: 'Choose whether people must give their email when they join' }).optional(),
    /** The board's entry in the open pipeline (issue 13): see shared/schema/pipeline.ts. */
    ...pipelineFields,
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'Change at least one of title, summary or notice' });
export type UpdateBoardBody = z.infer<typeof updateBoardBody>;

export const inviteOfficerBody = z.strictObject({ email: emailField });
export type InviteOfficerBody = z.infer<typeof inviteOfficerBody>;

export const acceptOfficerInvitationBody = z.strictObject({
  name: personNameField,
  password: passwordField,
});
export type AcceptOfficerInvitationBody = z.infer<typeof acceptOfficerInvitationBody>;

export const INVITE_ROLES = { participant: 'participant', observer: 'observer' } as const;
export type InviteRole = (typeof INVITE_ROLES)[keyof typeof INVITE_ROLES];

export const createInviteLinkBody = z.strictObject({
  role: z.enum(['participant', 'observer'], { error: 'Choose who the link is for' }),
  /** ISO 8601 date-time in the future, or null/absent for a link that does not expire. */
  expiresAt: z.iso
    .datetime({ offset: true, error: 'Enter an expiry date and time' })
    .refine((value) => Date.parse(value) > Date.now(), { error: 'Expiry must be in the future' })
    .nullable()
    .optional(),
});
export type CreateInviteLinkBody = z.infer<typeof createInviteLinkBody>;

export const joinBoardBody = z.strictObject({
  name: personNameField,
  organisation: organisationField,
  email: z.union([z.literal(''), emailField]).optional(),
  acceptNotice: z.literal(true, { error: 'Confirm that you have read and accept the fair-engagement notice' }),
  /** Who took part (issue 13), both optional; 'not-said' is "Prefer not to say". */
  organisationSize: z.enum([...ORGANISATION_SIZES, 'not-said'], { error: 'Choose your organisation’s size, or “Prefer not to say”' }).optional(),
  workedBefore: z.enum(WORKED_BEFORE_ANSWERS, { error: 'Choose yes, no or not sure' }).optional(),
});
export type JoinBoardBody = z.infer<typeof joinBoardBody>;

export const eventCodeLookupBody = z.strictObject({
  code: z.string({ error: 'Enter the event code' }).min(1, { error: 'Enter the event code' }).max(20, {
    error: 'Enter the event code shown on the screen, like HKN-4821',
  }),
});
export type EventCodeLookupBody = z.infer<typeof eventCodeLookupBody>;

// ---- Responses ---------------------------------------------------------------------------------

export type PersonRole = 'officer' | 'participant' | 'observer';

export type SessionView =
  | { kind: 'officer'; account: { id: string; name: string; email: string } }
  | {
      kind: 'participant' | 'observer';
      participant: { id: string; name: string; organisation: string; boardId: string };
    };

export interface SessionResponse {
  session: SessionView | null;
  /** Send this back in the `x-csrf-token` header on every POST, PATCH, PUT and DELETE. */
  csrfToken: string;
}

export type BoardStatus = 'open' | 'archived';

export interface BoardView {
  id: string;
  title: string;
  summary: string;
  notice: string;
  status: BoardStatus;
  createdAt: string;
  updatedAt: string;
  /** "Ask people for their email when they join" is on. */
  requiresEmail?: boolean;
  /** The board's entry in the open pipeline (absent: not listed, nothing set). */
  pipeline?: PipelineDetails;
}

export interface BoardResponse {
  board: BoardView;
  /** What the viewer may do here: the client offers only these. */
  viewer: { role: PersonRole; canEdit: boolean; name: string; organisation: string | null };
  /**
   * How to reach the board's live documents: the viewer's person id names their own draft
   * (`<boardId>/drafts/<personId>`), and caches in the browser are kept per `epoch`.
   */
  documents: { personId: string; epoch: string };
  /**
   * The board's phase (from the store's mirror of the brief), and its scheduled opening (ms epoch) or null.
   * In 'draft' only officers can open the documents: others show "not open yet" with `opensAt`.
   */
  phase: BoardPhase;
  opensAt: number | null;
}

export interface BoardListResponse {
  boards: BoardView[];
}

export interface OfficerView {
  id: string;
  name: string;
  email: string;
}

export interface OfficerInvitationView {
  id: string;
  email: string;
  /** The one-time link: only in the answer that creates it (only its hash is stored), null when listed. */
  url: string | null;
  createdAt: string;
  /** After this the link no longer works (OFFICER_INVITATION_TTL_MS after it was made). */
  expiresAt: string;
}

/** A co-officer as the board's own officers see them: their email is shown to co-officers of this board only. */
export interface CoOfficerView extends OfficerView {
  /** When they became an officer of this board. */
  addedAt: string;
}

export interface BoardOfficersResponse {
  officers: CoOfficerView[];
  /** Invitations still open (not accepted, declined, withdrawn or expired). */
  invitations: OfficerInvitationView[];
}

/**
 * Always an invitation, whether or not the email address already has an account: the answer must not
 * tell the inviting officer who has an account. An existing account also sees it on its dashboard.
 */
export interface InviteOfficerResponse {
  invitation: OfficerInvitationView;
}

/** An invitation waiting for the signed-in officer's answer ("Invitations to you" on the dashboard). */
export interface InvitationToYouView {
  id: string;
  boardTitle: string;
  /** Name of the officer who invited them (never their email). */
  invitedByName: string;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationsToYouResponse {
  invitations: InvitationToYouView[];
}

/** Every change to who runs a board, in the board's audit ("Officer changes"). */
export const OFFICER_CHANGE_ACTIONS = [
  'invited',
  'invitation-withdrawn',
  'invitation-accepted',
  'invitation-declined',
  'officer-removed',
  'officer-left',
] as const;
export type OfficerChangeAction = (typeof OFFICER_CHANGE_ACTIONS)[number];

/**
 * One row of the officer audit. The subject is an account (removed, left) or an invitation (invited,
 * withdrawn, accepted, declined); an invitation shows the email address this board's officers typed.
 * Names only for accounts: officers' emails are shown to co-officers in the officers list, not here.
 */
export const officerChangeView = z.strictObject({
  action: z.enum(OFFICER_CHANGE_ACTIONS),
  actor: z.strictObject({ id: z.string(), name: z.string() }),
  subject: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('account'), id: z.string(), name: z.string() }),
    z.strictObject({ kind: z.literal('invitation'), id: z.string(), email: z.string() }),
  ]),
  at: z.iso.datetime(),
});
export type OfficerChangeView = z.infer<typeof officerChangeView>;

export const officerChangesResponse = z.strictObject({ changes: z.array(officerChangeView) });
export type OfficerChangesResponse = z.infer<typeof officerChangesResponse>;

export type InviteLinkStatus = 'active' | 'revoked' | 'expired';

export interface InviteLinkView {
  id: string;
  role: InviteRole;
  /** Short event code people can type on the home page (participant links only). */
  code: string | null;
  url: string;
  status: InviteLinkStatus;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface InviteLinkListResponse {
  links: InviteLinkView[];
}

/**
 * The invitation the room screen shows in its corner (issue 14): the board's newest active participant
 * link, its event code and QR code. Officers and observers of the board may read it (the room screen
 * may be opened with an observer link); null when the board has no active participant link.
 */
export interface RoomInviteResponse {
  invite: { code: string | null; url: string; qrCodePath: string } | null;
}

export interface JoinInfoResponse {
  board: { title: string; summary: string; notice: string };
  role: InviteRole;
  /** The board asks everyone for their email when they join (the email field is then required). */
  requiresEmail?: boolean;
}

/** Answer to accepting an officer invitation: the new officer's session and the board they were invited to. */
export interface AcceptOfficerInvitationResponse {
  session: SessionView | null;
  boardId: string;
}

export interface OfficerInvitationInfoResponse {
  boardTitle: string;
  email: string;
  expiresAt: string;
}

export interface EventCodeLookupResponse {
  /** Path of the join page for this code, e.g. `/join/<token>`. */
  joinPath: string;
}

export interface ParticipantView {
  id: string;
  name: string;
  organisation: string;
  role: InviteRole;
  joinedAt: string;
  removedAt: string | null;
  /** What the server refused from this person, by rule, with counts: never the content. */
  refusals: Array<{ rule: string; count: number; lastAt: string }>;
  /** The email they gave at join, if any (officers only see this list). */
  email?: string | null;
  /** The invitation link they joined by: its id, role and event code (participant links), and when it was made. */
  joinedVia?: { linkId: string; role: InviteRole; code: string | null; createdAt: string | null };
  /** True while their removal bars their browser and details from joining again (until "let back in"). */
  isBarred?: boolean;
  letBackInAt?: string | null;
}

/** Officers remove a burst of joins at once: up to MAX_PARTICIPANTS_PER_REMOVAL ids, each removed and barred. */
export const removeParticipantsBody = z.strictObject({
  participantIds: z
    .array(z.string({ error: 'Each participant id must be text' }).min(1).max(64), { error: 'Choose the people to remove' })
    .min(1, { error: 'Choose at least one person to remove' })
    .max(MAX_PARTICIPANTS_PER_REMOVAL, { error: `You can remove up to ${MAX_PARTICIPANTS_PER_REMOVAL} people at once` }),
  /** "Also hide everything they posted": every note and comment of each removed person, with this reason. */
  hideEverything: hideReasonBody.optional(),
});
export type RemoveParticipantsBody = z.input<typeof removeParticipantsBody>;

/** Removing one person, optionally hiding everything they posted (issue 12). */
export const removeParticipantBody = z.strictObject({ hideEverything: hideReasonBody.optional() });
export type RemoveParticipantBody = z.input<typeof removeParticipantBody>;

export interface RemoveParticipantsResponse {
  /** Everyone this call removed (already removed people and unknown ids are not listed). */
  removed: Array<{ id: string; removedAt: string }>;
  /** How many notes and comments were hidden, when "hide everything" was asked. */
  hiddenItems?: number;
}

export interface BoardParticipantsResponse {
  participants: ParticipantView[];
}

/** A note its author marked confidential to the council: shown to the board's officers only. */
export interface ConfidentialNoteView {
  noteId: string;
  text: string;
  colour: string;
  /** The problem or stage it is about. */
  targetId: string;
  /** The author's device clock when written (ms epoch): informational. */
  createdAt: number;
  authorName: string;
  authorOrganisation: string;
}

export interface ConfidentialNotesResponse {
  notes: ConfidentialNoteView[];
}

/** GET /api/boards/:boardId/sealed-notes (officers): participants' ideas held until the reveal (issue 13). */
export interface SealedNotesResponse {
  /** "Hide ideas until reveal" is on now. */
  sealed: boolean;
  /** Ideas (or the latest version of ideas) not on the wall because the board is sealed; oldest first. */
  notes: ConfidentialNoteView[];
}

/**
 * One board at a glance for its officers' dashboard (issue 14): `GET /api/boards/:boardId/summary`.
 * `eventCode` and `inviteLinkId` are the newest active participant link's (null when there is none), so the
 * dashboard can show the code and open its QR screen in one click. `peopleNow` counts the people on the
 * board's live wall in this server process (0 when nobody has it open); `ideas` the notes published on it.
 */
export interface BoardSummaryResponse {
  eventCode: string | null;
  inviteLinkId: string | null;
  phase: BoardPhase;
  peopleNow: number;
  ideas: number;
}
