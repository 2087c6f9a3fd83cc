/**
 * Branded ids and their parsers. An id from outside (URL, body, room name) is `unknown`
 * until one of these parsers accepts it; a branded id cannot be built from a bare string by accident.
 */

export type BoardId = string & { readonly __brand: 'BoardId' };
export type AccountId = string & { readonly __brand: 'AccountId' };
export type ParticipantId = string & { readonly __brand: 'ParticipantId' };
export type InviteLinkId = string & { readonly __brand: 'InviteLinkId' };
export type NoteId = string & { readonly __brand: 'NoteId' };

/** Server-made ids are 16 to 40 characters of [A-Za-z0-9_-]: safe in URLs, room names and file names. */
const ID_PATTERN = /^[A-Za-z0-9_-]{16,40}$/;

/** True when `value` has the shape of a server-made id (it may still name nothing). */
export function isWellFormedId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function parseBoardId(value: unknown): BoardId | null {
  return isWellFormedId(value) ? (value as BoardId) : null;
}

export function parseParticipantId(value: unknown): ParticipantId | null {
  return isWellFormedId(value) ? (value as ParticipantId) : null;
}

export function parseInviteLinkId(value: unknown): InviteLinkId | null {
  return isWellFormedId(value) ? (value as InviteLinkId) : null;
}

/**
 * Event codes look like `HKN-4821`: three letters, a dash, four digits (17.5 million codes).
 * Accepts lower case and missing or extra spaces/dashes, as people type them from a screen.
 */
export function normaliseEventCode(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 20) return null;
  const compact = value.toUpperCase().replace(/[\s-]/g, '');
  const match = /^([A-Z]{3})(\d{4})$/.exec(compact);
  return match ? `${match[1]}-${match[2]}` : null;
}
