/**
 * What the public sees of a board when an officer publishes it (issue 13): the officers' export record with
 * everything that must not be public taken out. Decided here, in one place:
 *
 * - Hidden notes are dropped, with their comments and every "hidden" field (reason, officer's text).
 * - Names and organisations are never published: each participant becomes "Participant 1", "Participant 2"…
 *   (numbered in report order) and officers "The council". A supplier's name is commercially sensitive and
 *   the fair-engagement notice promises fair treatment, not publicity; docs/published-record.md says why
 *   this is not an option a board can switch off. Wall keys stay: they match the record log's entries.
 * - Emails are never in the export record to begin with (boardRecord.ts), nor confidential or sealed notes.
 */
import type { BoardRecord, ExportComment, ExportNote, ExportPerson } from '../export/boardRecord.js';

/** Names the published record in its JSON download. */
export const PUBLISHED_RECORD_SCHEMA = 'open-ideas-wall/published-record';
export const PUBLISHED_RECORD_VERSION = 1;

export const OPEN_GOVERNMENT_LICENCE = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
} as const;

/** The published record as stored and downloaded as JSON. */
export interface PublishedRecord {
  schema: typeof PUBLISHED_RECORD_SCHEMA;
  version: typeof PUBLISHED_RECORD_VERSION;
  licence: typeof OPEN_GOVERNMENT_LICENCE;
  /** ISO 8601: when the officer published the board. */
  publishedAt: string;
  /** The record log's head when published: its hash, position and time (null: the log was empty). */
  finalHash: { hash: string; seq: number; at: string } | null;
  /** The board as the public sees it (the officers' export shape, anonymised, nothing hidden). */
  record: BoardRecord;
}

/** The public form of an officers' export record. Pure. */
export function toPublicRecord(record: BoardRecord): BoardRecord {
  const notes = record.notes.filter((note) => !note.isHidden);
  const noteKeys = new Set(notes.map((note) => note.key));
  const comments = record.comments.filter((comment) => noteKeys.has(comment.noteKey));
  const roles = new Map(record.people.map((person) => [person.id, person.role]));
  const pseudonyms = new Map<string, ExportPerson>();
  const pseudonymOf = (personId: string): ExportPerson => {
    let person = pseudonyms.get(personId);
    if (!person) {
      const isOfficer = roles.get(personId) === 'officer';
      const number = [...pseudonyms.values()].filter((known) => known.role !== 'officer').length + 1;
      person = isOfficer
        ? { id: 'council', name: 'The council', organisation: '', role: 'officer' }
        : { id: `participant-${number}`, name: `Participant ${number}`, organisation: '', role: 'participant' };
      pseudonyms.set(personId, person);
    }
    return person;
  };
  const publicNote = (note: ExportNote): ExportNote => {
    const author = pseudonymOf(note.authorId);
    return { ...note, authorId: author.id, authorName: author.name, authorOrganisation: '', isHidden: false, hiddenReason: null, hiddenReasonText: null, hiddenAt: null };
  };
  const publicComment = (comment: ExportComment): ExportComment => {
    const author = pseudonymOf(comment.authorId);
    return { ...comment, authorId: author.id, authorName: author.name, authorOrganisation: '' };
  };
  const publicNotes = notes.map(publicNote);
  const publicComments = comments.map(publicComment);
  const people = [...new Map([...pseudonyms.values()].map((person) => [person.id, person])).values()];
  return {
    ...record,
    board: { ...record.board, isAnonymous: false },
    people,
    notes: publicNotes,
    comments: publicComments,
  };
}
