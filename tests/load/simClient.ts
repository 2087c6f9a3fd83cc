/**
 * One simulated participant. Against our server: three documents over three websockets, as the
 * browser opens them (brief and wall read-only, its own draft), presence on the wall connection, and
 * notes written into its OWN draft with `addDraftNote` (the server publishes them to the wall).
 * Against a reference server: one shared document (brief, people and notes in it) on one websocket,
 * notes written straight into it with the same `addDraftNote`, presence on the same connection.
 *
 * Each note's text starts with a marker `#<writer>/<seq>@<send time>|`, so any receiver can tell
 * which note it is and when it was sent (shared monotonic clock) without asking anyone.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { newRecordId } from '../../shared/schema/recordId.js';
import { addCounters, DocConnection, emptyCounters, sharedNow, stateVectorText, type Flavour, type PresenceEntry, type ReceiveCounters } from './protocol.js';

/** Milliseconds since 1970 from here on (September 2001): a clock this large is a time of day, not a count. */
const TIME_OF_DAY_CLOCK_FLOOR = 1e12;

/**
 * When a presence state was sent, from its clock. Our simulated clients' clocks count ms from their
 * epoch (a minute before sending starts), and the reference servers forward them unchanged. Our server
 * sends clocks of its own instead (server/rooms/Presence.ts: its millisecond time of day when it sent the
 * state), so there the age runs from the server's send, not the writer's, on the same machine's clock.
 */
export function presenceSentAt(clock: number, epoch: number): number {
  return clock >= TIME_OF_DAY_CLOCK_FLOOR ? clock : epoch + clock;
}

export interface ClientSpec {
  index: number;
  personId: string;
  name: string;
  organisation: string;
  /** Ours: the Cookie header of this participant's session. */
  cookie?: string;
  /** The server (instance) this client talks to when not the worker's (the scale-out scenario). */
  baseUrl?: string;
  /** The board (or shared document) of this client when not the worker's (many boards). */
  boardId?: string;
  targetIds?: string[];
}

export interface ClientContext {
  flavour: Flavour;
  baseUrl: string;
  /** Ours: the board id. Reference servers: the shared document's name. */
  boardId: string;
  targetIds: string[];
  noteChars: number;
  /**
   * Ours: after this many notes the client edits its own notes in turn (new text) instead of adding more,
   * so a long run has a steady amount of live data (the soak). Unset: it only adds.
   */
  maxNotesPerClient?: number;
  isMeasuring: () => boolean;
  /** `seq` is the note's number among its writer's notes, from 0. */
  onNoteArrived: (writer: number, seq: number, sentAt: number, arrivedAt: number) => void;
  /** A presence state arrived: `sentAt` is its send time (from its clock); summaries have none. */
  onPresenceArrived: (sentAt: number | null, arrivedAt: number) => void;
}

/** The awareness client id our server uses for a big board's presence summary (shared/limits.ts). */
const SUMMARY_CLIENT_ID = 1;
/** How long before each note its writer shows as typing on the note's target. */
const TYPING_BEFORE_NOTE_MS = 2_000;

const NOTE_MARKER = /^#(\d+)\/(\d+)@(\d+(?:\.\d+)?)\|/;
const FILLER =
  'A shared catalogue across the borough lets residents reserve any copy and collect it at the branch nearest to them, with text alerts. ';

/** A note text of exactly `chars` characters (at least the marker) carrying its writer, sequence and send time. */
export function noteText(writer: number, seq: number, sentAt: number, chars: number): string {
  const marker = `#${writer}/${seq}@${sentAt.toFixed(2)}|`;
  let text = marker;
  while (text.length < chars) text += FILLER;
  return text.slice(0, Math.max(chars, marker.length));
}

export function parseNoteText(text: unknown): { writer: number; seq: number; sentAt: number } | null {
  if (typeof text !== 'string') return null;
  const match = NOTE_MARKER.exec(text);
  if (!match) return null;
  return { writer: Number(match[1]), seq: Number(match[2]), sentAt: Number(match[3]) };
}

/** The text of a note record: a plain object (our wall, a reference's shared document) or a Y.Map. */
function textOfRecord(value: unknown): unknown {
  if (value instanceof Y.Map) return value.get('text');
  // Our wall's compact record (wall schema version 3): the text comes first.
  if (Array.isArray(value)) return value[0];
  if (typeof value === 'object' && value !== null) return (value as { text?: unknown }).text;
  return undefined;
}

export interface ClientSnapshot {
  index: number;
  notesCount: number;
  stateVector: string;
  notesDigest: string;
  briefStateVector: string | null;
  open: boolean;
}

export class SimClient {
  /** Ours: the wall; reference servers: the shared document. */
  readonly wallDoc = new Y.Doc();
  private readonly briefDoc: Y.Doc | null;
  private readonly draftDoc: Y.Doc | null;
  readonly connections: DocConnection[] = [];
  private wall!: DocConnection;
  private seq = 0;
  /** Notes sent from the start of measuring on (a warm-up note before it is not counted). */
  notesSent = 0;
  /** Notes sent before the measured window (the warm-up round). */
  warmUpNotesSent = 0;
  private countNotesFrom = 0;
  /** Ids of the notes this client added to its draft, oldest first. */
  private readonly ownNoteIds: string[] = [];
  private readonly lastPresenceClock = new Map<number, number>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Presence clocks are milliseconds since this time (shared clock), so a receiver knows when a state was sent. */
  private presenceEpoch = 0;
  private typing: string | null = null;

  constructor(
    readonly spec: ClientSpec,
    private readonly context: ClientContext,
  ) {
    const isOurs = context.flavour === 'ours';
    this.briefDoc = isOurs ? new Y.Doc() : null;
    this.draftDoc = isOurs ? new Y.Doc() : null;
    this.wallDoc.getMap<unknown>('notes').observe((event) => {
      if (event.transaction.local) return;
      const arrivedAt = sharedNow();
      const notes = this.wallDoc.getMap<unknown>('notes');
      for (const [key, change] of event.changes.keys) {
        if (change.action !== 'add') continue;
        const marker = parseNoteText(textOfRecord(notes.get(key)));
        if (marker && marker.writer !== this.spec.index) this.context.onNoteArrived(marker.writer, marker.seq, marker.sentAt, arrivedAt);
      }
    });
  }

  /** Opens every document (in parallel, as the browser does) and resolves when all are synced. */
  async connect(timeoutMs: number): Promise<void> {
    const { flavour } = this.context;
    const baseUrl = this.spec.baseUrl ?? this.context.baseUrl;
    const boardId = this.spec.boardId ?? this.context.boardId;
    const common = { flavour, baseUrl, cookie: this.spec.cookie, isMeasuring: this.context.isMeasuring };
    if (flavour === 'ours') {
      this.wall = new DocConnection({ ...common, docName: `${boardId}/wall`, doc: this.wallDoc, onPresence: (entries) => this.handlePresence(entries) });
      this.connections.push(
        new DocConnection({ ...common, docName: `${boardId}/brief`, doc: this.briefDoc! }), // reason: set for ours in the constructor
        this.wall,
        new DocConnection({ ...common, docName: `${boardId}/drafts/${this.spec.personId}`, doc: this.draftDoc! }), // reason: as above
      );
    } else {
      this.wall = new DocConnection({ ...common, docName: boardId, doc: this.wallDoc, onPresence: (entries) => this.handlePresence(entries) });
      this.connections.push(this.wall);
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all(this.connections.map((connection) => connection.synced)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`client ${this.spec.index} not synced within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    if (flavour !== 'ours') {
      // In a shared document the clients write their own name (nobody stamps it).
      this.wallDoc.getMap<unknown>('people').set(this.spec.personId, { name: this.spec.name, organisation: this.spec.organisation, role: 'participant' });
    }
  }

  /**
   * Schedules notes every `noteEveryMs` and presence every `presenceEveryMs` until sendEnd (shared clock),
   * from t0, or `warmUpMs` before it: notes sent before t0 are the warm-up, not counted in `notesSent`.
   */
  schedule(plan: {
    t0: number;
    warmUpMs?: number;
    sendEnd: number;
    presenceEpoch: number;
    noteEveryMs: number;
    presenceEveryMs: number;
    noteOffsetMs: number;
    presenceOffsetMs: number;
  }): void {
    this.presenceEpoch = plan.presenceEpoch;
    this.countNotesFrom = plan.t0;
    const from = plan.t0 - (plan.warmUpMs ?? 0);
    const at = (time: number, action: () => void) => {
      this.timers.push(setTimeout(action, Math.max(0, time - sharedNow())));
    };
    if (plan.noteEveryMs > 0) {
      for (let time = from + plan.noteOffsetMs; time < plan.sendEnd; time += plan.noteEveryMs) {
        // Shown as typing on the note's target for a while before each note (what presence is for).
        at(time - Math.min(TYPING_BEFORE_NOTE_MS, plan.noteEveryMs / 2), () => (this.typing = this.nextTarget()));
        at(time, () => this.writeNote());
      }
    }
    if (plan.presenceEveryMs > 0) {
      for (let time = from + plan.presenceOffsetMs; time < plan.sendEnd; time += plan.presenceEveryMs) at(time, () => this.sendPresence());
    }
  }

  private nextTarget(): string {
    const targetIds = this.spec.targetIds ?? this.context.targetIds;
    return targetIds[(this.spec.index + this.seq) % targetIds.length] ?? 'none';
  }

  writeNote(): void {
    const target = this.nextTarget();
    this.typing = null;
    const sentAt = sharedNow();
    const text = noteText(this.spec.index, this.seq, sentAt, this.context.noteChars);
    this.seq += 1;
    if (sentAt >= this.countNotesFrom) this.notesSent += 1;
    else this.warmUpNotesSent += 1;
    const maxNotes = this.context.maxNotesPerClient;
    if (this.draftDoc && maxNotes !== undefined && this.ownNoteIds.length >= maxNotes) {
      // Edit one of its notes (the publisher republishes it) instead of adding another.
      const noteId = this.ownNoteIds[this.seq % this.ownNoteIds.length];
      const record = noteId === undefined ? null : this.draftDoc.getMap<unknown>('notes').get(noteId);
      if (record instanceof Y.Map) record.set('text', text);
      return;
    }
    // Ours: into the participant's own draft; the server publishes it. Reference: into the shared document.
    if (this.draftDoc) this.ownNoteIds.push(addDraftNote(this.draftDoc, { text, colour: 'yellow', targetId: target }));
    else addSharedNote(this.wallDoc, this.spec.personId, { text, colour: 'yellow', targetId: target });
  }

  sendPresence(): void {
    if (!this.wall.isOpen) return;
    const state = {
      user: { id: this.spec.personId, name: this.spec.name, organisation: this.spec.organisation, role: 'participant' },
      typing: this.typing,
    };
    // The clock is the send time in ms since the epoch: it grows with every message, as a clock must.
    this.wall.sendPresence(this.wallDoc.clientID, state, Math.round(sharedNow() - this.presenceEpoch));
  }

  private handlePresence(entries: PresenceEntry[]): void {
    const arrivedAt = sharedNow();
    for (const entry of entries) {
      if (entry.clientId === this.wallDoc.clientID) continue;
      const previous = this.lastPresenceClock.get(entry.clientId) ?? -1;
      if (entry.clock <= previous) continue;
      this.lastPresenceClock.set(entry.clientId, entry.clock);
      const isSummary = entry.clientId === SUMMARY_CLIENT_ID || (entry.state !== null && 'summary' in entry.state);
      this.context.onPresenceArrived(isSummary || this.presenceEpoch === 0 ? null : presenceSentAt(entry.clock, this.presenceEpoch), arrivedAt);
    }
  }

  stopSending(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
  }

  counters(which: 'measured' | 'total'): ReceiveCounters {
    const sum = emptyCounters();
    for (const connection of this.connections) addCounters(sum, connection[which]);
    return sum;
  }

  notesCount(): number {
    return this.wallDoc.getMap<unknown>('notes').size;
  }

  snapshot(): ClientSnapshot {
    return {
      index: this.spec.index,
      notesCount: this.notesCount(),
      stateVector: stateVectorText(this.wallDoc),
      notesDigest: notesDigest(this.wallDoc),
      briefStateVector: this.briefDoc ? stateVectorText(this.briefDoc) : null,
      open: this.connections.every((connection) => connection.isOpen),
    };
  }

  close(): void {
    this.stopSending();
    for (const connection of this.connections) connection.close();
  }
}

/**
 * A note written straight into a shared document (reference servers), as a plain shared document would
 * keep it: ONE plain value per note (text, colour, target, creation time and author) under its id, not a
 * Y.Map per note. That is the fair comparison for bytes and join time: each field of a nested Y.Map is
 * its own item on the wire, which made the references as fat as our wall and hid our overhead.
 */
export function addSharedNote(doc: Y.Doc, author: string, fields: { text: string; colour: string; targetId: string }): string {
  const id = newRecordId();
  doc.getMap<unknown>('notes').set(id, { text: fields.text, colour: fields.colour, targetId: fields.targetId, createdAt: Date.now(), author });
  return id;
}

/** A digest of the notes' keys and texts, for comparing copies cheaply. */
export function notesDigest(doc: Y.Doc): string {
  const notes = doc.getMap<unknown>('notes');
  const hash = createHash('sha1');
  for (const key of [...notes.keys()].sort()) {
    hash.update(key);
    hash.update('\u0000');
    hash.update(String(textOfRecord(notes.get(key))));
    hash.update('\u0001');
  }
  return hash.digest('hex');
}
