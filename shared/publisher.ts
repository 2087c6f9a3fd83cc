/**
 * The publisher's decision, pure: given one author's draft notes and what of theirs is on the wall,
 * decide what to publish, unpublish, refuse, defer and keep private. The room applies the result to
 * the wall in one transaction (`writeWallChanges`) and tells the author about refusals and deferrals.
 *
 * Per note, first matching rule wins:
 *  1. on the wall, gone from the draft          → unpublish (authors may always withdraw, even when closed)
 *  2. text with a hidden character (shared/text/hiddenCharacters.ts: zero-width, bidi, separators, controls)
 *                                               → refusal 'hidden-characters'; the wall keeps the last version
 *     note id or record invalid                 → refusal 'schema'; unpublish if it was on the wall
 *  3. visibility 'confidential'                 → keptPrivate 'confidential'; unpublish if it was on the wall
 *  4. text empty or only spaces                 → keptPrivate 'empty-note'; unpublish if it was on the wall
 *  5. text over maxNoteTextChars                → refusal 'note-too-long'; the wall keeps the last version
 *  6. unchanged from the wall (text, colour, target) → nothing (so a second run publishes nothing)
 *  7. `mayWrite` ('add-note' or 'edit-note', with the author's role and the board's phase) says no
 *     (draft: 'not-open-yet'; voting: 'not-accepting-ideas'; closed or published: 'board-closed'):
 *     a verdict with `defer` is a deferral (re-decided when the brief changes), the others a refusal
 *     (the wall keeps the last version)
 *  8. target not in the brief                   → deferred 'unknown-target' (re-decided when the brief changes)
 *  8b. sealed ("hide ideas until reveal") and the author is a participant → deferred 'sealed'
 *     (re-decided at the reveal, when every held note is published in one wall transaction)
 *  9. `mayWrite`'s rate for a new note (not at the reveal): a burst of `noteBurst` notes publishes at once, then
 *     maxNotesPerMinute in any 60 s            → deferred 'rate-limit' with retryAt (re-decided on a timer)
 * 10. otherwise                                 → publish under `wallKeyFor(author, noteId)`
 * Before all of these: a note an officer hid (`hiddenNotes`) → refusal 'hidden-by-officer' with the officer's
 * reason, and unpublish it if it is on the wall (whatever its author changes, until an officer restores it);
 * then a note past the draft's record bound (maxNotesPerDraft, oldest first) that is not on the wall yet →
 * refusal 'too-many-notes'.
 * Confidential and empty notes are not errors, so they go in `keptPrivate`, not `refusals`.
 */
import { isWellFormedId } from './ids.js';
import { isOnWallAsDrafted } from './publisher/sameAsWall.js';
import { MAX_NOTES_PER_DRAFT } from './limits.js';
import { mayWrite, WRITE_RULES, type WriteAction, type WriteVerdict } from './rules/mayWrite.js';
import type { BoardPhase } from './schema/briefMeta.js';
import type { DraftNote } from './schema/draftNotes.js';
import { checkOne, type NoteChecks } from './publisher/draftNoteChecks.js';
import { wallKeyFor, type WallKey, type WallNote } from './schema/wall.js';
import { SEALED_NOTE_MESSAGE } from './schema/sealed.js';
import { describeHiddenCharacter, type HiddenCharacter } from './text/hiddenCharacters.js';

/** Rules the publisher applies, a closed set; every refusal, deferral and kept-private note names one. */
export const RULE_IDS = {
  schema: 'schema',
  noteTooLong: 'note-too-long',
  rateLimit: 'rate-limit',
  unknownTarget: 'unknown-target',
  confidential: 'confidential',
  emptyNote: 'empty-note',
  boardClosed: 'board-closed',
  tooManyNotes: 'too-many-notes',
  hiddenCharacters: 'hidden-characters',
  // Rules of `mayWrite` (shared/rules/mayWrite.ts): every verdict's rule is one of these.
  notOpenYet: WRITE_RULES.notOpenYet,
  notAcceptingIdeas: WRITE_RULES.notAcceptingIdeas,
  observer: WRITE_RULES.observer,
  notVoting: WRITE_RULES.notVoting,
  voteBudget: WRITE_RULES.voteBudget,
  hiddenByOfficer: 'hidden-by-officer',
  /** "Hide ideas until reveal" is on: a participant's new note or edit waits for the reveal (issue 13). */
  sealed: 'sealed',
} as const;
export type RuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

/** Length of the rate-limit window, in milliseconds. */
export const RATE_WINDOW_MS = 60_000;

export interface PublicationInput {
  /** The draft's owner, from the authenticated session; `role` goes to `mayWrite` (officers may add in draft and voting). */
  author: { personId: string; role: 'officer' | 'participant' };
  rules: {
    phase: BoardPhase;
    /** Problem and stage ids of the brief (`targetIdsOf`). */
    targetIds: ReadonlySet<string>;
    /** Server time, ms epoch. */
    now: number;
    maxNotesPerMinute: number;
    /** New notes a quiet author may publish at once before the per-minute rate applies (default maxNotesPerMinute). */
    noteBurst?: number;
    maxNoteTextChars: number;
    /** Most notes one person's draft may publish (default MAX_NOTES_PER_DRAFT). */
    maxNotesPerDraft?: number;
    /** "Hide ideas until reveal" is on (shared/schema/sealed.ts): participants' new notes and edits wait. */
    sealed?: boolean;
    /**
     * This decision is the reveal: notes held by the seal go on the wall all at once, so the per-minute
     * rate does not apply to them (the per-draft bound still does); see docs/adr/0004-sealed-ideas.md.
     */
    revealing?: boolean;
  };
  /** Raw draft records keyed by note id (`readRawDraftNotes`): untrusted, validated here. */
  draftNotes: ReadonlyMap<string, unknown>;
  /** This author's notes on the wall keyed by note id (`readWallNotesOfAuthor`). */
  wallNotesOfAuthor: ReadonlyMap<string, WallNote>;
  /** Server times (ms epoch) at which this author's notes were first published; older ones are ignored. */
  recentPublishTimes: readonly number[];
  /**
   * This author's notes an officer hid (moderation), by note id, with the message the author reads
   * (`hiddenItemMessage` in shared/schema/moderation.ts). Absent means none.
   */
  hiddenNotes?: ReadonlyMap<string, string>;
  /**
   * Each note's checks made beforehand (`DraftNoteChecks`, which remembers unchanged notes'); a note
   * missing here is checked now.
   */
  checks?: ReadonlyMap<string, NoteChecks>;
}

/** One note's outcome for the author; `message` is plain English written for them. */
export interface NoteOutcome {
  noteId: string;
  rule: RuleId;
  message: string;
}

export interface PublicationDecision {
  publish: Array<{ key: WallKey; record: WallNote }>;
  unpublish: WallKey[];
  refusals: NoteOutcome[];
  /** Not published yet; re-decide at `retryAt` (rate limit) or when the brief changes. */
  deferred: Array<NoteOutcome & { retryAt?: number }>;
  keptPrivate: NoteOutcome[];
  /** Note ids published for the first time: add `now` to the author's recentPublishTimes once per id. */
  firstPublished: string[];
}

const MESSAGES = {
  schema: (problem: string) => `This note cannot be published: ${lowerFirst(problem)}.`,
  noteTooLong: (max: number, hasPrevious: boolean) =>
    `Notes can be up to ${max} characters. Shorten this note to publish it` +
    (hasPrevious ? '; the wall keeps your earlier version until then.' : '.'),
  unknownTarget: 'The problem or stage this note is for is not on the board yet. The note will go on the wall when it is.',
  confidential: 'This note is confidential to the council: only you and the board’s officers can see it.',
  emptyNote: 'Empty notes are not put on the wall.',
  tooManyNotes: (max: number) => `You can have up to ${max} notes on this board. Delete some to publish this one.`,
  hiddenCharacters: (found: HiddenCharacter, hasPrevious: boolean) =>
    describeHiddenCharacter('This note', found) + (hasPrevious ? ' The wall keeps your earlier version until then.' : ''),
} as const;

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Decides what to publish for one author. Pure: same input, same output. */
export function decidePublication(input: PublicationInput): PublicationDecision {
  const { author, rules, draftNotes, wallNotesOfAuthor } = input;
  const decision: PublicationDecision = { publish: [], unpublish: [], refusals: [], deferred: [], keptPrivate: [], firstPublished: [] };
  const keyOf = (noteId: string) => wallKeyFor(author.personId, noteId);

  for (const noteId of wallNotesOfAuthor.keys()) {
    if (!draftNotes.has(noteId) && isWellFormedId(noteId)) decision.unpublish.push(keyOf(noteId));
  }
  const newNotes: Array<{ noteId: string; note: DraftNote }> = [];
  const maxNotes = rules.maxNotesPerDraft ?? MAX_NOTES_PER_DRAFT;
  for (const [index, noteId] of orderedNoteIds(draftNotes).entries()) {
    const previous = wallNotesOfAuthor.get(noteId);
    // Hidden by an officer: off the wall whatever the draft says, until an officer restores it.
    const hiddenMessage = input.hiddenNotes?.get(noteId);
    if (hiddenMessage !== undefined) {
      decision.refusals.push({ noteId, rule: RULE_IDS.hiddenByOfficer, message: hiddenMessage });
      if (previous && isWellFormedId(noteId)) decision.unpublish.push(keyOf(noteId));
      continue;
    }
    // A draft's record count is bounded: notes past the bound (newest last) are never published.
    if (index >= maxNotes && !previous) {
      decision.refusals.push({ noteId, rule: RULE_IDS.tooManyNotes, message: MESSAGES.tooManyNotes(maxNotes) });
      continue;
    }
    const outcome = decideOne(noteId, draftNotes.get(noteId), input.checks?.get(noteId), previous, rules, author.role);
    if (outcome.kind === 'new') newNotes.push({ noteId, note: outcome.note });
    else if (outcome.kind === 'publish' && previous) {
      decision.publish.push({ key: keyOf(noteId), record: wallRecord(author.personId, noteId, outcome.note, previous.createdAt, rules.now) });
    } else if (outcome.kind === 'refuse' || outcome.kind === 'defer' || outcome.kind === 'private') {
      const listed: NoteOutcome = { noteId, rule: outcome.rule, message: outcome.message };
      if (outcome.kind === 'refuse') decision.refusals.push(listed);
      else if (outcome.kind === 'defer') decision.deferred.push(listed);
      else decision.keptPrivate.push(listed);
      if (outcome.unpublish && previous && isWellFormedId(noteId)) decision.unpublish.push(keyOf(noteId));
    }
  }
  publishNewWithinRate(decision, newNotes, input);
  return decision;
}

type OneOutcome =
  | { kind: 'nothing' }
  | { kind: 'new' | 'publish'; note: DraftNote }
  | { kind: 'refuse' | 'defer' | 'private'; rule: RuleId; message: string; unpublish: boolean };

function decideOne(
  noteId: string,
  raw: unknown,
  checked: NoteChecks | undefined,
  previous: WallNote | undefined,
  rules: PublicationInput['rules'],
  role: PublicationInput['author']['role'],
): OneOutcome {
  const hasPrevious = previous !== undefined;
  // Checked before the schema (which refuses them too) so the author is told which character and where.
  const { hidden, schema: check } = checked ?? checkOne(noteId, raw);
  if (hidden) {
    return { kind: 'refuse', rule: RULE_IDS.hiddenCharacters, message: MESSAGES.hiddenCharacters(hidden, hasPrevious), unpublish: false };
  }
  if (!check.ok) return { kind: 'refuse', rule: RULE_IDS.schema, message: MESSAGES.schema(check.problem), unpublish: true };
  const note = check.note;
  if (note.visibility === 'confidential') {
    return { kind: 'private', rule: RULE_IDS.confidential, message: MESSAGES.confidential, unpublish: true };
  }
  if (note.text.trim() === '') return { kind: 'private', rule: RULE_IDS.emptyNote, message: MESSAGES.emptyNote, unpublish: true };
  if (note.text.length > rules.maxNoteTextChars) {
    const message = MESSAGES.noteTooLong(rules.maxNoteTextChars, hasPrevious);
    return { kind: 'refuse', rule: RULE_IDS.noteTooLong, message, unpublish: false };
  }

  if (isOnWallAsDrafted(note, previous)) {
    return { kind: 'nothing' };
  }
  // The phase and role part of `mayWrite` (the rate part comes later, for new notes in order).
  const action: WriteAction = { kind: hasPrevious ? 'edit-note' : 'add-note' };
  const verdict = mayWrite(action, { role, phase: rules.phase, now: rules.now });
  if (!verdict.ok) {
    return { kind: verdict.defer ? 'defer' : 'refuse', rule: verdict.rule, message: verdict.message, unpublish: false };
  }
  if (!rules.targetIds.has(note.targetId)) {
    return { kind: 'defer', rule: RULE_IDS.unknownTarget, message: MESSAGES.unknownTarget, unpublish: false };
  }
  // Sealed: a participant's idea (new or changed) reaches nobody else until the reveal; the wall keeps
  // any earlier version. Officers' notes are the council's own material and are not held.
  if (rules.sealed && role === 'participant') {
    return { kind: 'defer', rule: RULE_IDS.sealed, message: SEALED_NOTE_MESSAGE, unpublish: false };
  }
  return { kind: hasPrevious ? 'publish' : 'new', note };
}

/**
 * Publishes new notes oldest first (by their createdAt, then id) while `mayWrite`'s rate allows: each
 * note published in this decision counts towards the next one's rate.
 */
function publishNewWithinRate(
  decision: PublicationDecision,
  newNotes: Array<{ noteId: string; note: DraftNote }>,
  input: PublicationInput,
): void {
  const { now, maxNotesPerMinute, noteBurst, phase } = input.rules;
  const publishTimes = input.recentPublishTimes.filter((time) => time <= now && now - time < RATE_WINDOW_MS);
  const rate = { recentPublishTimes: publishTimes, burst: noteBurst ?? maxNotesPerMinute, perMinute: maxNotesPerMinute };
  for (const { noteId, note } of newNotes) {
    const verdict: WriteVerdict = input.rules.revealing ? { ok: true } : mayWrite({ kind: 'add-note' }, { role: input.author.role, phase, now, rate });
    if (!verdict.ok) {
      const outcome = { noteId, rule: verdict.rule, message: verdict.message };
      if (verdict.defer) decision.deferred.push(verdict.retryAt === undefined ? outcome : { ...outcome, retryAt: verdict.retryAt });
      else decision.refusals.push(outcome);
      continue;
    }
    publishTimes.push(now);
    decision.publish.push({ key: wallKeyFor(input.author.personId, noteId), record: wallRecord(input.author.personId, noteId, note, now, now) });
    decision.firstPublished.push(noteId);
  }
}

function wallRecord(author: string, noteId: string, note: DraftNote, createdAt: number, now: number): WallNote {
  return { author, noteId, text: note.text, colour: note.colour, targetId: note.targetId, createdAt, updatedAt: now };
}

/** Draft note ids in a stable order: by the record's createdAt when it is a number, then by id. */
function orderedNoteIds(draftNotes: ReadonlyMap<string, unknown>): string[] {
  const createdAt = (noteId: string): number => {
    const raw = draftNotes.get(noteId);
    const value = typeof raw === 'object' && raw !== null ? (raw as { createdAt?: unknown }).createdAt : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  return [...draftNotes.keys()].sort((a, b) => createdAt(a) - createdAt(b) || (a < b ? -1 : a > b ? 1 : 0));
}
