/**
 * Moderation (issue 12): officers hide a note or comment from the wall with a reason, and restore it. The
 * state lives in the server's store (a log of actions) and is applied by the publisher: a hidden item is
 * never written to the wall, so nobody else receives it; its author is told why (note-status, rule
 * 'hidden-by-officer'). This file holds the closed sets, the command payloads (validated by the server;
 * the client uses them only to build its form) and the words people read.
 */
import { z } from 'zod';
import { isWellFormedId } from '../ids.js';
import { findHiddenCharacter } from '../text/hiddenCharacters.js';
import { parseWallKey } from './wall.js';

/** Why an officer hid something, a closed set (the order is the order the form lists them in). */
export const MODERATION_REASONS = ['off-topic', 'duplicate', 'offensive', 'personal-data', 'commercial-in-confidence'] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];

/** Each reason in plain words: `label` for the officer's form, `inSentence` for the author's message. */
export const MODERATION_REASON_WORDS: Readonly<Record<ModerationReason, { label: string; hint: string; inSentence: string }>> = {
  'off-topic': { label: 'Off-topic', hint: 'Not about this board’s problems or stages', inSentence: 'it is off-topic' },
  duplicate: { label: 'Duplicate', hint: 'The same idea is already on the wall', inSentence: 'it repeats another note' },
  offensive: { label: 'Offensive', hint: 'Abusive, discriminatory or otherwise offensive', inSentence: 'it is offensive' },
  'personal-data': { label: 'Personal data', hint: 'Names, contact details or other information about a person', inSentence: 'it contains personal data' },
  'commercial-in-confidence': {
    label: 'Commercial in confidence',
    hint: 'Prices, terms or other commercially sensitive information',
    inSentence: 'it is commercial in confidence',
  },
};

/** What can be hidden: a note (wall root `notes`) or a comment (wall root `comments`). */
export const MODERATED_KINDS = ['note', 'comment'] as const;
export type ModeratedKind = (typeof MODERATED_KINDS)[number];

export const MODERATION_ACTIONS = ['hide', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Longest free text an officer may add to a reason, in characters. */
export const MAX_MODERATION_DETAIL_CHARS = 500;

/** The author's message starts with this; the client shows the rest after "Hidden by an officer: ". */
export const HIDDEN_MESSAGE_PREFIX = 'An officer hid this note: ';

/**
 * What the author of a hidden note reads (the publisher's refusal message): "An officer hid this note: it
 * is off-topic. <detail>". A comment's message says "comment".
 */
export function hiddenItemMessage(kind: ModeratedKind, reason: ModerationReason, detail: string): string {
  const prefix = kind === 'note' ? HIDDEN_MESSAGE_PREFIX : 'An officer hid this comment: ';
  const trimmed = detail.trim();
  return `${prefix}${MODERATION_REASON_WORDS[reason].inSentence}.${trimmed === '' ? '' : ` ${trimmed}`}`;
}

const reasonSchema = z.enum(MODERATION_REASONS, { error: 'Choose why you are hiding it' });

/** Free text: optional, at most MAX_MODERATION_DETAIL_CHARS, no hidden characters (shared/text/hiddenCharacters.ts). */
const detailSchema = z
  .string({ error: 'The detail must be text' })
  .max(MAX_MODERATION_DETAIL_CHARS, { error: `The detail can be up to ${MAX_MODERATION_DETAIL_CHARS} characters` })
  .refine((text) => findHiddenCharacter(text, 'multi-line') === null, { error: 'The detail contains a hidden character: type it again instead of pasting it' })
  .default('');

/** A wall key (`<personId>:<itemId>`), as built by `wallKeyFor`: notes and comments are keyed the same way. */
const wallKeySchema = z.string({ error: 'Say which item' }).max(100).refine((key) => parseWallKey(key) !== null, { error: 'That is not an item on this wall' });

/** `note-hide` and `comment-hide`: the item's wall key, a reason and optional detail. */
export const hideItemPayload = z.strictObject({ key: wallKeySchema, reason: reasonSchema, detail: detailSchema });
export type HideItemPayload = z.input<typeof hideItemPayload>;

/** `note-restore` and `comment-restore`: the item's wall key. */
export const restoreItemPayload = z.strictObject({ key: wallKeySchema });
export type RestoreItemPayload = z.input<typeof restoreItemPayload>;

/** `person-hide-all`: hide everything one person posted (on the wall or in their draft now). */
export const hidePersonPayload = z.strictObject({
  personId: z.string({ error: 'Say whose notes to hide' }).refine(isWellFormedId, { error: 'That is not a person on this board' }),
  reason: reasonSchema,
  detail: detailSchema,
});
export type HidePersonPayload = z.input<typeof hidePersonPayload>;

/** The same reason and detail, as given with a removal ("Also hide everything they posted"). */
export const hideReasonBody = z.strictObject({ reason: reasonSchema, detail: detailSchema });
export type HideReasonBody = z.input<typeof hideReasonBody>;

/** Socket.io command names of moderation (see `server/realtime/commands/`). */
export const MODERATION_COMMANDS = {
  noteHide: 'note-hide',
  noteRestore: 'note-restore',
  commentHide: 'comment-hide',
  commentRestore: 'comment-restore',
  personHideAll: 'person-hide-all',
} as const;

/** One hidden item as officers see it (REST `GET /api/boards/:id/moderation`). */
export interface HiddenItemView {
  kind: ModeratedKind;
  key: string;
  authorId: string;
  authorName: string;
  authorOrganisation: string;
  /** The item's text from its author's draft; null when the author has since deleted it. */
  text: string | null;
  /** Problem or stage id of a note (null for comments, or when deleted). */
  targetId: string | null;
  reason: ModerationReason;
  detail: string;
  hiddenBy: { id: string; name: string };
  /** ISO time. */
  hiddenAt: string;
}

/** One logged action (hide or restore), oldest first. */
export interface ModerationLogEntryView {
  kind: ModeratedKind;
  key: string;
  action: ModerationAction;
  reason: ModerationReason | null;
  detail: string;
  officer: { id: string; name: string };
  at: string;
}

export interface ModerationResponse {
  hidden: HiddenItemView[];
  log: ModerationLogEntryView[];
}
