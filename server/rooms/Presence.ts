import * as encoding from 'lib0/encoding';
import { MAX_ORGANISATION_CHARS, MAX_PERSON_NAME_CHARS, PRESENCE_SUMMARY_CLIENT_ID } from '../../shared/limits.js';
import { anonymousPresenceUser } from '../../shared/schema/anonymity.js';
import { ByteReader, Refused } from '../yjs/syncProtocol.js';
import type { PresenceState } from '../cluster/busMessages.js';

/** Who a presence state belongs to, stamped by the server from the session: never from the client. */
export interface PresenceIdentity {
  personId: string;
  name: string;
  organisation: string;
  role: 'officer' | 'participant' | 'observer';
}

/** A peer of the wall document that can receive presence (dropped first when it is behind). */
export interface PresencePeer {
  readonly id: string;
  readonly identity: PresenceIdentity;
  sendPresenceMessage(message: Uint8Array): void;
}

export type PresenceResult = { ok: true } | { ok: false; reason: 'malformed' | 'too-large' };

/**
 * Who receives which view of presence. Officers may read every draft, confidential notes included
 * (ARCHITECTURE.md), so they may also see who is writing where. Everyone else sees only who is here.
 */
type Audience = 'officers' | 'others';
const AUDIENCES: readonly Audience[] = ['officers', 'others'];

interface Sent {
  /** The last clock sent to this audience for the client id (strictly increasing, see `nextClock`). */
  clock: number;
  /** When it was last sent (ms), for renewals. */
  at: number;
}

interface Entry {
  readonly clientId: number;
  /** The person this client id belongs to while the board is loaded: nobody else may ever speak for it. */
  readonly personId: string;
  /** The connection that speaks for it now; null once that connection has gone, and for a remote entry. */
  peer: PresencePeer | null;
  /**
   * The instance that shows this person (they are connected there, issue 11), or null for a person
   * connected here. Sent to this instance's peers exactly as a local entry is.
   */
  remoteFrom: string | null;
  /** When the remote instance last spoke of this entry (ms): not heard for long enough, it is expired. */
  heardAt: number;
  /** The person is shown (their connection is open and its last state was not null). */
  isPresent: boolean;
  /**
   * The identity stamped from the session when the state arrived (here, or on the remote instance). Its
   * role matters too: in anonymous mode, participants are shown to non-officers without identity.
   */
  identity: PresenceIdentity;
  /** The identity as JSON (encoded once). */
  userJson: string;
  /** The problem or stage id they are writing a note for (checked against the brief), or null. */
  typing: string | null;
  /** When the client id was last left (ms), for pruning the oldest reservations; 0 while present. */
  leftAt: number;
  sent: Record<Audience, Sent>;
}

const MESSAGE_AWARENESS = 1;
const MAX_TYPING_TARGET_CHARS = 64;
/**
 * Every shown state is sent again at least this often, whatever its client does. The stock awareness
 * forgets a remote state not renewed for 30 s (y-protocols `outdatedTimeout`, checked every 3 s); every
 * state is renewed at least every 15 s (issue 10): 14 s plus at most one 1 s sweep. As long as that allows,
 * because every renewal is one state every client decodes: at 500 people, 12 s cost each client 42 states
 * a second, 14 s costs 36 (issue 15: the clients, not the server, were the bottleneck at N ≥ 500).
 */
export const PRESENCE_RENEWAL_MS = 14_000;
/** How often renewals due are looked for, in ms. */
const RENEWAL_SWEEP_MS = 1_000;
/**
 * Largest payload of one presence message we send, in bytes. The stock provider echoes every state it
 * applies in one message, and we read at most MAX_AWARENESS_MESSAGE_BYTES (64 KiB) from a client: a
 * message we send must stay well below that, or honest clients would be refused for echoing it.
 */
export const MAX_SENT_PRESENCE_BYTES = 16 * 1024;
/** Client ids of people who left are kept (reserved to them) up to this many per board; oldest go first. */
const MAX_RESERVED_CLIENT_IDS = 10_000;
/** Least time between two answers to one connection's "send me everyone" (query-awareness), in ms. */
const QUERY_AGAIN_MS = 5_000;
/** Marks a connection that lost its client id to a newer connection of the same person: it speaks for none. */
const NO_CLIENT_ID = -1;

/**
 * Presence (y-websocket awareness) for one board, on the wall connection. The server owns it:
 *
 * - Identity. A connection speaks only for the first client id it announces, and only if that id is not
 *   held (now or earlier while the board is loaded) by another person. The same person may take their id
 *   back from an older connection (the stock provider reconnects with the same id), so a returning person
 *   is never hidden by anyone. Entries for any other client id are ignored, never punished: the stock
 *   provider echoes every state it receives, and after a restart that is hundreds at once.
 * - Content. A state keeps only `typing`, and only when it names a problem or stage of the brief now;
 *   `user` is stamped from the session.
 * - Clocks are the server's own (a millisecond time, strictly increasing per client id and audience), so
 *   a renewal is always applied, a client id seen before a restart is shown again, and clocks say nothing
 *   about how often a client changed its state.
 * - Confidential ideas (issue 10 item 7). A person writing a note may yet mark it "confidential to the
 *   council", and a client can claim anything, so the server cannot tie a typing signal to open work.
 *   So `typing` goes to officers only (who may read confidential notes anyway). Everyone else gets a view
 *   that never depends on typing: a state is sent to them when the person arrives, leaves, and on a
 *   renewal timer of the server's own (every PRESENCE_RENEWAL_MS from the last send), never because a
 *   typing field changed, and with no counts. Nothing they receive changes when someone starts writing.
 * - Anonymous mode (issue 12, shared/schema/anonymity.ts). While the brief says anonymous, the 'others'
 *   audience gets no person id, name or organisation of a participant or observer: "Participant" with an
 *   id made from the client id. Officers' view is unchanged. A switch re-sends everyone shown at once.
 * - No connection is sent its own state with a usable clock (it gets clock 0, which the stock awareness
 *   never applies): its local state stays its own, and the message still keeps its socket alive (the
 *   provider closes a socket that receives nothing for 30 s).
 * - Changes are coalesced per audience on a short tick, and each message is encoded once (per chunk of at
 *   most MAX_SENT_PRESENCE_BYTES) for every peer but the ones whose own state it holds.
 * - Several instances (issue 11, server/rooms/RemotePresence.ts). People connected to another instance
 *   are remote entries: no peer here, the identity that instance stamped, sent to the peers here exactly
 *   as local entries (audiences, anonymous mode, this server's clocks). A client id stays its person's
 *   across instances, and a connection here always wins over news from elsewhere about its client id.
 */
export class Presence {
  private readonly entries = new Map<number, Entry>();
  /** The client id each connection speaks for (NO_CLIENT_ID once another took it back). */
  private readonly clientIdOfPeer = new Map<string, number>();
  private readonly peers = new Set<PresencePeer>();
  private readonly pending: Record<Audience, Set<number>> = { officers: new Set(), others: new Set() };
  private readonly tickTimers: Record<Audience, NodeJS.Timeout | null> = { officers: null, others: null };
  private sweepTimer: NodeJS.Timeout | null = null;
  /** When each peer was last sent everyone (see `addPeer`). */
  private readonly answeredAt = new WeakMap<PresencePeer, number>();
  /** Told the client id whenever what a local entry shows changes (the other instances are told, issue 11). */
  onLocalChange: ((clientId: number) => void) | null = null;

  /**
   * @param isTypingTarget whether an id names a problem or stage of the board's brief now.
   * @param isAnonymous whether the board is in anonymous mode now (shared/schema/anonymity.ts): then the
   *   'others' audience gets no person id, name or organisation of a participant, only "Participant".
   */
  constructor(
    private readonly tickMs: number,
    private readonly maxStateBytes: number,
    private readonly isTypingTarget: (id: string) => boolean = () => false,
    private readonly isAnonymous: () => boolean = () => false,
  ) {}

  /** Anonymous mode when last looked at, to notice a switch (null before the first look). */
  private wasAnonymous: boolean | null = null;

  /**
   * The brief changed: when anonymous mode was switched, every participant shown is sent again to the
   * 'others' audience at once (with or without their identity), and officers' view is unchanged.
   */
  anonymityChanged(): void {
    const isAnonymous = this.isAnonymous();
    if (isAnonymous === this.wasAnonymous) return;
    const isFirstLook = this.wasAnonymous === null;
    this.wasAnonymous = isAnonymous;
    if (isFirstLook) return;
    for (const entry of this.entries.values()) if (entry.isPresent && entry.identity.role !== 'officer') this.pending.others.add(entry.clientId);
    this.flush('others');
  }

  /**
   * A wall connection opened (or asked for everyone again, with a query-awareness message): it is sent
   * everyone shown now. Asking again is answered at most every QUERY_AGAIN_MS (the answer is a whole board).
   */
  addPeer(peer: PresencePeer): void {
    const now = Date.now();
    if (this.peers.has(peer) && now - (this.answeredAt.get(peer) ?? 0) < QUERY_AGAIN_MS) return;
    this.answeredAt.set(peer, now);
    this.peers.add(peer);
    this.startSweeps();
    const audience = audienceOf(peer);
    const present = [...this.entries.values()].filter((entry) => entry.isPresent);
    for (const message of this.messagesFor(peer, this.encodeEntries(present, audience, false))) peer.sendPresenceMessage(message);
  }

  /** The peer left: its state is removed for everyone at the next tick (its client id stays reserved to its person). */
  removePeer(peer: PresencePeer): void {
    if (!this.peers.delete(peer)) return;
    const clientId = this.clientIdOfPeer.get(peer.id);
    this.clientIdOfPeer.delete(peer.id);
    if (this.peers.size === 0) this.stopSweeps();
    const entry = clientId === undefined ? undefined : this.entries.get(clientId);
    if (!entry || entry.peer !== peer) return;
    entry.peer = null;
    this.markLeft(entry);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /**
   * People with the wall open now, here or on another instance: several tabs or devices (or instances) of
   * one person count once (issue 14's dashboard).
   */
  get peopleCount(): number {
    const people = new Set([...this.peers].map((peer) => peer.identity.personId));
    for (const entry of this.entries.values()) if (entry.remoteFrom !== null && entry.isPresent) people.add(entry.personId);
    return people.size;
  }

  /** Handles one awareness update from a peer (the bytes inside the awareness message). */
  receive(peer: PresencePeer, update: Uint8Array): PresenceResult {
    if (!this.peers.has(peer)) return { ok: true };
    try {
      const reader = new ByteReader(update);
      // Each entry is at least three bytes: client id, clock, state length.
      const count = reader.count(3, 'presence entries');
      for (let index = 0; index < count; index += 1) {
        const clientId = reader.varUint();
        reader.varUint(); // the client's clock: the clocks we send are our own
        // A view, not decoded: entries for other client ids are skipped without parsing them.
        const stateBytes = reader.bytes(reader.varUint());
        if (!this.speaksFor(peer, clientId, stateBytes)) continue;
        if (stateBytes.byteLength > this.maxStateBytes) return { ok: false, reason: 'too-large' };
        const result = this.applyOwnState(peer, clientId, stateBytes);
        if (!result.ok) return result;
      }
      reader.expectEnd();
    } catch (error) {
      if (error instanceof Refused) return { ok: false, reason: 'malformed' };
      throw error;
    }
    return { ok: true };
  }

  /** Removes everything a person shows (they were removed from the board), at once. */
  removePerson(personId: string): void {
    for (const peer of this.peers) {
      if (peer.identity.personId === personId) this.removePeer(peer);
    }
    for (const audience of AUDIENCES) this.flush(audience);
  }

  destroy(): void {
    for (const audience of AUDIENCES) {
      const timer = this.tickTimers[audience];
      if (timer) clearTimeout(timer);
      this.tickTimers[audience] = null;
    }
    this.stopSweeps();
    this.peers.clear();
  }

  /**
   * True when this entry is the peer's own: the first client id it announced with a state, provided no
   * other person holds or held it. The same person takes their id back from an older connection.
   */
  private speaksFor(peer: PresencePeer, clientId: number, stateBytes: Uint8Array): boolean {
    const owned = this.clientIdOfPeer.get(peer.id);
    if (owned !== undefined) return owned === clientId;
    // The summary id was the server's own once; 0 is never a random client id. A "left" (null) for an id
    // it never spoke for claims nothing.
    if (clientId === PRESENCE_SUMMARY_CLIENT_ID || clientId === 0 || isNullState(stateBytes)) return false;
    const entry = this.entries.get(clientId);
    if (entry && entry.personId !== peer.identity.personId) return false;
    this.clientIdOfPeer.set(peer.id, clientId);
    return true;
  }

  private applyOwnState(peer: PresencePeer, clientId: number, stateBytes: Uint8Array): PresenceResult {
    let state: unknown;
    try {
      state = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(stateBytes));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return { ok: false, reason: 'malformed' };
    let entry = this.entries.get(clientId);
    if (!entry) {
      entry = this.addEntry(clientId, peer.identity, peer, null);
    }
    if (state === null) {
      if (entry.isPresent) this.markLeft(entry);
      return { ok: true };
    }
    const typing = this.typingOf((state as Record<string, unknown>).typing);
    if (!entry.isPresent || entry.peer !== peer) {
      // Arrived, or came back on a new connection here (which takes the id from the older one for good,
      // and from another instance: the person moved here): everyone is told, whatever they are doing.
      if (entry.peer && entry.peer !== peer) this.clientIdOfPeer.set(entry.peer.id, NO_CLIENT_ID);
      Object.assign(entry, { peer, remoteFrom: null, isPresent: true, identity: peer.identity, userJson: userJsonOf(peer.identity), typing, leftAt: 0 });
      for (const audience of AUDIENCES) this.mark(audience, clientId);
      return { ok: true };
    }
    if (entry.typing !== typing) {
      entry.typing = typing;
      // Only officers' view shows typing; the others' view is unchanged, so nothing is sent to them.
      this.mark('officers', clientId);
    }
    return { ok: true };
  }

  private addEntry(clientId: number, identity: PresenceIdentity, peer: PresencePeer | null, remoteFrom: string | null): Entry {
    const entry: Entry = {
      clientId,
      personId: identity.personId,
      peer,
      remoteFrom,
      heardAt: 0,
      isPresent: false,
      identity,
      userJson: userJsonOf(identity),
      typing: null,
      leftAt: 0,
      sent: { officers: { clock: 0, at: 0 }, others: { clock: 0, at: 0 } },
    };
    this.entries.set(clientId, entry);
    this.pruneReservations(entry);
    return entry;
  }

  /**
   * What a local entry shows, for the other instances (null for an unknown or remote client id). Name and
   * organisation are cut to the bus's bounds, so one odd stored name cannot void a whole batch.
   */
  localState(clientId: number): PresenceState | null {
    const entry = this.entries.get(clientId);
    if (!entry || entry.remoteFrom !== null) return null;
    const { personId, name, organisation, role } = entry.identity;
    return {
      clientId,
      personId,
      name: name.slice(0, MAX_PERSON_NAME_CHARS),
      organisation: organisation.slice(0, MAX_ORGANISATION_CHARS),
      role,
      typing: entry.typing,
      present: entry.isPresent,
    };
  }

  /** Client ids of everyone shown from a connection here (the heartbeat to the other instances). */
  localPresentClientIds(): number[] {
    return [...this.entries.values()].filter((entry) => entry.isPresent && entry.remoteFrom === null).map((entry) => entry.clientId);
  }

  /**
   * A person shown by instance `from` (issue 11). Shown here exactly as a local entry, with three limits:
   * - ownership stays per person: a client id held here (now or earlier) by another person is not theirs;
   * - a connection here that speaks for the id wins: the news from elsewhere is older (the person moved);
   * - only the instance that shows someone may say they left (a late "left" from where they were before
   *   must not hide them).
   */
  applyRemote(from: string, state: PresenceState, now: number): void {
    const { clientId } = state;
    if (clientId === PRESENCE_SUMMARY_CLIENT_ID || clientId === 0) return;
    let entry = this.entries.get(clientId);
    if (entry && (entry.personId !== state.personId || entry.peer !== null)) return;
    if (!state.present) {
      if (entry && entry.remoteFrom === from && entry.isPresent) this.markLeft(entry);
      return;
    }
    const identity: PresenceIdentity = { personId: state.personId, name: state.name, organisation: state.organisation, role: state.role };
    entry ??= this.addEntry(clientId, identity, null, from);
    entry.heardAt = now;
    const userJson = userJsonOf(identity);
    if (!entry.isPresent || entry.remoteFrom !== from || entry.userJson !== userJson) {
      Object.assign(entry, { remoteFrom: from, isPresent: true, identity, userJson, typing: state.typing, leftAt: 0 });
      for (const audience of AUDIENCES) this.mark(audience, clientId);
    } else if (entry.typing !== state.typing) {
      // The origin checked `typing` against its brief (this copy may lag it by a stream hop): officers only.
      entry.typing = state.typing;
      this.mark('officers', clientId);
    }
  }

  /** Hides remote entries not heard of for `expiryMs` (their instance died without a word). */
  expireRemote(now: number, expiryMs: number): void {
    for (const entry of this.entries.values()) {
      if (entry.remoteFrom !== null && entry.isPresent && now - entry.heardAt > expiryMs) this.markLeft(entry);
    }
  }

  /** The `typing` field as a target the brief knows now, or null (anything else is dropped, not refused). */
  private typingOf(value: unknown): string | null {
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TYPING_TARGET_CHARS) return null;
    return this.isTypingTarget(value) ? value : null;
  }

  private markLeft(entry: Entry): void {
    entry.isPresent = false;
    entry.typing = null;
    entry.leftAt = Date.now();
    for (const audience of AUDIENCES) this.mark(audience, entry.clientId);
  }

  /** Keeps the reservations of people who left bounded: the oldest go first (never `added`, not shown yet). */
  private pruneReservations(added: Entry): void {
    if (this.entries.size <= MAX_RESERVED_CLIENT_IDS) return;
    const left = [...this.entries.values()].filter((entry) => !entry.isPresent && entry.peer === null && entry !== added);
    left.sort((a, b) => a.leftAt - b.leftAt);
    for (const entry of left.slice(0, this.entries.size - MAX_RESERVED_CLIENT_IDS)) this.entries.delete(entry.clientId);
  }

  private mark(audience: Audience, clientId: number): void {
    // Every change of what a local entry shows passes here: the other instances hear of it too.
    if (this.onLocalChange && this.entries.get(clientId)?.remoteFrom === null) this.onLocalChange(clientId);
    this.pending[audience].add(clientId);
    if (this.tickTimers[audience]) return;
    this.tickTimers[audience] = setTimeout(() => this.flush(audience), this.tickMs);
  }

  private startSweeps(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => this.renewDue(), RENEWAL_SWEEP_MS);
    this.sweepTimer.unref();
  }

  private stopSweeps(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }

  /** Renews every shown state not sent to an audience for PRESENCE_RENEWAL_MS: on the server's clock only. */
  private renewDue(): void {
    const now = Date.now();
    for (const audience of AUDIENCES) {
      for (const entry of this.entries.values()) {
        if (entry.isPresent && now - entry.sent[audience].at >= PRESENCE_RENEWAL_MS) this.pending[audience].add(entry.clientId);
      }
      this.flush(audience);
    }
  }

  private flush(audience: Audience): void {
    const timer = this.tickTimers[audience];
    if (timer) clearTimeout(timer);
    this.tickTimers[audience] = null;
    const pending = [...this.pending[audience]];
    this.pending[audience].clear();
    const entries = pending.map((clientId) => this.entries.get(clientId)).filter((entry) => entry !== undefined);
    if (entries.length === 0) return;
    const chunks = this.encodeEntries(entries, audience, true);
    for (const peer of this.peers) {
      if (audienceOf(peer) !== audience) continue;
      for (const message of this.messagesFor(peer, chunks)) peer.sendPresenceMessage(message);
    }
  }

  /**
   * The entries as this audience sees them, in chunks of at most MAX_SENT_PRESENCE_BYTES, each with its
   * next clock (so a client that saw it before, and dropped it when its socket closed, applies it again).
   * `isRenewal` says it counts as the audience's renewal; a newcomer's first view does not.
   */
  private encodeEntries(entries: Entry[], audience: Audience, isRenewal: boolean): EncodedChunk[] {
    const now = Date.now();
    const chunks: EncodedChunk[] = [];
    // Read now, not remembered: a state is never sent with an identity once the brief says anonymous.
    const isAnonymous = this.isAnonymous();
    let chunk: EncodedChunk = { parts: [], clientIds: new Set(), bytes: 0 };
    for (const entry of entries) {
      const sent = entry.sent[audience];
      sent.clock = Math.max(sent.clock + 1, now);
      if (isRenewal) sent.at = now;
      const json = viewJson(entry, audience, isAnonymous);
      const part: EncodedPart = { clientId: entry.clientId, json, bytes: encodePart(entry.clientId, sent.clock, json) };
      if (chunk.parts.length > 0 && chunk.bytes + part.bytes.byteLength > MAX_SENT_PRESENCE_BYTES) {
        chunks.push(chunk);
        chunk = { parts: [], clientIds: new Set(), bytes: 0 };
      }
      chunk.parts.push(part);
      chunk.clientIds.add(part.clientId);
      chunk.bytes += part.bytes.byteLength;
    }
    if (chunk.parts.length > 0) chunks.push(chunk);
    return chunks;
  }

  /** The messages for one peer: the shared bytes, unless a chunk holds the peer's own state (clock 0 for that). */
  private messagesFor(peer: PresencePeer, chunks: EncodedChunk[]): Uint8Array[] {
    const own = this.clientIdOfPeer.get(peer.id);
    return chunks.map((chunk) => {
      if (own === undefined || !chunk.clientIds.has(own)) return (chunk.shared ??= awarenessMessageOf(chunk.parts.map((part) => part.bytes)));
      return awarenessMessageOf(chunk.parts.map((part) => (part.clientId === own ? (part.ownBytes ??= encodePart(part.clientId, 0, part.json)) : part.bytes)));
    });
  }
}

interface EncodedPart {
  clientId: number;
  json: string;
  /** clientId, clock, state JSON. */
  bytes: Uint8Array;
  /** The same with clock 0, for the connection that speaks for it (made when first needed). */
  ownBytes?: Uint8Array;
}

interface EncodedChunk {
  parts: EncodedPart[];
  /** Whose states it holds: the connection that speaks for one gets a copy with clock 0 for it. */
  clientIds: Set<number>;
  bytes: number;
  shared?: Uint8Array;
}

function audienceOf(peer: PresencePeer): Audience {
  return peer.identity.role === 'officer' ? 'officers' : 'others';
}

function userJsonOf(identity: PresenceIdentity): string {
  return JSON.stringify({ id: identity.personId, name: identity.name, organisation: identity.organisation, role: identity.role });
}

/**
 * The state an audience is sent: `typing` only for officers, 'null' once the person left. In anonymous
 * mode non-officers see a participant as "Participant" with an id made from the client id (which every
 * awareness message carries anyway), never their person id, name or organisation.
 */
function viewJson(entry: Entry, audience: Audience, isAnonymous: boolean): string {
  if (!entry.isPresent) return 'null';
  const typing = audience === 'officers' ? entry.typing : null;
  const userJson =
    isAnonymous && audience === 'others' && entry.identity.role !== 'officer' ? JSON.stringify(anonymousPresenceUser(entry.clientId, entry.identity.role)) : entry.userJson;
  return `{"user":${userJson},"typing":${JSON.stringify(typing)}}`;
}

function isNullState(stateBytes: Uint8Array): boolean {
  return stateBytes.byteLength === 4 && String.fromCharCode(...stateBytes) === 'null';
}

function encodePart(clientId: number, clock: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, json);
  return encoding.toUint8Array(encoder);
}

/** One awareness message (type 1) holding the encoded entries. */
function awarenessMessageOf(parts: Uint8Array[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, parts.length);
  for (const part of parts) encoding.writeUint8Array(inner, part);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}
