import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { PRESENCE_SUMMARY_ABOVE_PEOPLE, PRESENCE_SUMMARY_CLIENT_ID, PRESENCE_SUMMARY_EVERY_MS } from '../../shared/limits.js';

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

interface Entry {
  clock: number;
  /** When this state was last sent to the board (ms), for renewals of unchanged states. */
  sentAt: number;
  /** JSON of the sanitised state, or 'null' once the person has left. */
  json: string;
  /** The same state without `typing` (what a big board is sent), or 'null'. */
  identityJson: string;
  /** Where they are typing (problem or stage id), or null. */
  typing: string | null;
  /** The JSON others last received for this client id, to skip sending what changed nothing. */
  sentJson: string;
  peerId: string;
}

export type PresenceResult = { ok: true } | { ok: false; reason: 'malformed' | 'too-large' };

const MESSAGE_AWARENESS = 1;
const MAX_ENTRIES_PER_MESSAGE = 64;
const MAX_TYPING_TARGET_CHARS = 40;
/**
 * An unchanged state is sent on at most this often. The stock awareness drops remote states not renewed
 * for 30 s and renews its own every 15 s, so 10 s keeps everyone shown with a margin.
 */
const PRESENCE_RENEWAL_MS = 10_000;
/** On a summarised board, unchanged identities are renewed less often (still well inside 30 s). */
const SUMMARY_RENEWAL_MS = 20_000;

/**
 * Presence (y-websocket awareness) for one board, on the wall connection.
 *
 * - Each connection owns one client id: the first one it announces that no other live connection holds.
 *   States it sends for any other client id are ignored (the stock provider echoes others' states back).
 * - A state keeps only the fields we know (`typing`), and `user` is overwritten from the session.
 * - Changes are coalesced: one message per tick for the whole board, instead of every message to everyone.
 * - Above PRESENCE_SUMMARY_ABOVE_PEOPLE, states go out without `typing`, and a summary state (client id
 *   PRESENCE_SUMMARY_CLIENT_ID: `{ summary: { people, typing: { <targetId>: count } } }`) at most once a
 *   second says how many are here and typing where.
 */
export class Presence {
  private readonly entries = new Map<number, Entry>();
  private readonly clientIdOfPeer = new Map<string, number>();
  private readonly changed = new Set<number>();
  private readonly peers = new Set<PresencePeer>();
  private timer: NodeJS.Timeout | null = null;
  private isSummaryDirty = false;
  private isSummaryMode = false;
  private summaryJson = 'null';
  private summaryClock = 0;
  private summarySentAt = 0;

  constructor(
    private readonly tickMs: number,
    private readonly maxStateBytes: number,
    private readonly summaryAbovePeople = PRESENCE_SUMMARY_ABOVE_PEOPLE,
  ) {}

  addPeer(peer: PresencePeer): void {
    this.peers.add(peer);
    this.updateMode();
    if (this.isSummaryMode) this.markSummaryChanged();
    const present = [...this.entries.keys()].filter((clientId) => this.entries.get(clientId)?.json !== 'null');
    const everyone = this.encode(present, this.isSummaryMode && this.summaryJson !== 'null');
    if (everyone) peer.sendPresenceMessage(everyone);
  }

  /** The peer left: its state is removed for everyone at the next tick. */
  removePeer(peer: PresencePeer): void {
    if (!this.peers.delete(peer)) return;
    this.updateMode();
    if (this.isSummaryMode) this.markSummaryChanged();
    const clientId = this.clientIdOfPeer.get(peer.id);
    this.clientIdOfPeer.delete(peer.id);
    if (clientId === undefined) return;
    const entry = this.entries.get(clientId);
    if (!entry || entry.peerId !== peer.id) return;
    this.entries.set(clientId, { ...entry, clock: entry.clock + 1, json: 'null', identityJson: 'null', typing: null });
    this.markChanged(clientId);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Handles one awareness update from a peer (the bytes inside the awareness message). */
  receive(peer: PresencePeer, update: Uint8Array): PresenceResult {
    let decoder: decoding.Decoder;
    let count: number;
    try {
      decoder = decoding.createDecoder(update);
      count = decoding.readVarUint(decoder);
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (count > MAX_ENTRIES_PER_MESSAGE) return { ok: false, reason: 'too-large' };
    for (let index = 0; index < count; index += 1) {
      let clientId: number;
      let clock: number;
      let stateText: string;
      try {
        clientId = decoding.readVarUint(decoder);
        clock = decoding.readVarUint(decoder);
        stateText = decoding.readVarString(decoder);
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (stateText.length > this.maxStateBytes) return { ok: false, reason: 'too-large' };
      // The summary's client id is the server's own; no client may speak for it.
      if (clientId === PRESENCE_SUMMARY_CLIENT_ID || !this.ownsClientId(peer, clientId)) continue;
      const sanitised = this.sanitise(peer.identity, stateText);
      if (sanitised === undefined) return { ok: false, reason: 'malformed' };
      const { json, identityJson, typing } = sanitised;
      const current = this.entries.get(clientId);
      const isSamePeer = current?.peerId === peer.id;
      if (isSamePeer && current.clock >= clock && !(current.clock === clock && json === 'null')) continue;
      // Clocks we send only ever increase: a client that comes back after we announced it gone (at its
      // clock + 1) would otherwise be ignored by everyone until its own clock caught up.
      const clockOut = isSamePeer || !current ? clock : Math.max(clock, current.clock + 1);
      // Most presence messages change nothing we keep (we keep only who and where they type): those are
      // not sent on, except as a renewal now and then so others' awareness does not time the person out.
      const sentJson = current?.sentJson ?? '';
      const entry: Entry = { clock: clockOut, json, identityJson, typing, peerId: peer.id, sentAt: current?.sentAt ?? 0, sentJson };
      this.entries.set(clientId, entry);
      if (current?.typing !== typing) this.markSummaryChanged();
      const renewalMs = this.isSummaryMode ? SUMMARY_RENEWAL_MS : PRESENCE_RENEWAL_MS;
      const isUnchanged = isSamePeer && this.publicJsonOf(entry) === sentJson;
      const isRenewalDue = !current || Date.now() - current.sentAt >= renewalMs;
      if (!isUnchanged || isRenewalDue) this.markChanged(clientId);
    }
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'malformed' };
    return { ok: true };
  }

  /** Removes everything a person shows (they were removed from the board), at once. */
  removePerson(personId: string): void {
    for (const peer of this.peers) {
      if (peer.identity.personId === personId) this.removePeer(peer);
    }
    this.flush();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.peers.clear();
  }

  private ownsClientId(peer: PresencePeer, clientId: number): boolean {
    const owned = this.clientIdOfPeer.get(peer.id);
    if (owned !== undefined) return owned === clientId;
    const holder = this.entries.get(clientId);
    if (holder && holder.peerId !== peer.id && holder.json !== 'null') return false;
    this.clientIdOfPeer.set(peer.id, clientId);
    return true;
  }

  /** Keeps only known fields and stamps identity; undefined when the state is not an object or null. */
  private sanitise(
    identity: PresenceIdentity,
    stateText: string,
  ): { json: string; identityJson: string; typing: string | null } | undefined {
    let state: unknown;
    try {
      state = JSON.parse(stateText);
    } catch {
      return undefined;
    }
    if (state === null) return { json: 'null', identityJson: 'null', typing: null };
    if (typeof state !== 'object' || Array.isArray(state)) return undefined;
    const typingField = (state as Record<string, unknown>).typing;
    const typing = typeof typingField === 'string' && typingField.length <= MAX_TYPING_TARGET_CHARS ? typingField : null;
    const user = { id: identity.personId, name: identity.name, organisation: identity.organisation, role: identity.role };
    return { json: JSON.stringify({ user, typing }), identityJson: JSON.stringify({ user, typing: null }), typing };
  }

  /** What others are sent for this entry in the current mode. */
  private publicJsonOf(entry: Entry): string {
    return this.isSummaryMode ? entry.identityJson : entry.json;
  }

  /** Switches between full and summarised presence as the board grows or shrinks; resends everyone then. */
  private updateMode(): void {
    const isSummaryMode = this.peers.size > this.summaryAbovePeople;
    if (isSummaryMode === this.isSummaryMode) return;
    this.isSummaryMode = isSummaryMode;
    for (const [clientId, entry] of this.entries) if (entry.json !== 'null') this.markChanged(clientId);
    this.markSummaryChanged();
  }

  private markSummaryChanged(): void {
    this.isSummaryDirty = true;
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.tickMs);
  }

  /** The summary state: how many are here and how many type where. */
  private summaryStateJson(): string {
    if (!this.isSummaryMode) return 'null';
    const typing: Record<string, number> = {};
    for (const entry of this.entries.values()) {
      if (entry.json !== 'null' && entry.typing !== null) typing[entry.typing] = (typing[entry.typing] ?? 0) + 1;
    }
    return JSON.stringify({ summary: { people: this.peers.size, typing } });
  }

  private markChanged(clientId: number): void {
    this.changed.add(clientId);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.tickMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = Date.now();
    const includeSummary = this.isSummaryDirty && this.takeSummary(now);
    if (this.changed.size === 0 && !includeSummary) return;
    const message = this.encode([...this.changed], includeSummary);
    for (const clientId of this.changed) {
      const entry = this.entries.get(clientId);
      if (!entry) continue;
      entry.sentAt = now;
      entry.sentJson = this.publicJsonOf(entry);
    }
    this.changed.clear();
    if (message) for (const peer of this.peers) peer.sendPresenceMessage(message);
    // Entries of people who left stay as tombstones (clock only), so a returning client's clock is bumped
    // past them; they are bounded by the number of connections the board ever had while loaded.
  }

  /** True when a new summary is due now (and records it); otherwise schedules the next chance. */
  private takeSummary(now: number): boolean {
    const waitMs = this.summarySentAt + PRESENCE_SUMMARY_EVERY_MS - now;
    if (waitMs > 0) {
      this.timer = setTimeout(() => this.flush(), waitMs);
      return false;
    }
    this.isSummaryDirty = false;
    const json = this.summaryStateJson();
    if (json === this.summaryJson) return false;
    this.summaryJson = json;
    this.summaryClock += 1;
    this.summarySentAt = now;
    return true;
  }

  /** One awareness message holding the given client ids' states (and the summary), encoded once for every peer. */
  private encode(clientIds: number[], includeSummary: boolean): Uint8Array | null {
    const present = clientIds.filter((clientId) => this.entries.has(clientId));
    const count = present.length + (includeSummary ? 1 : 0);
    if (count === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, count);
    for (const clientId of present) {
      const entry = this.entries.get(clientId)!; // reason: filtered to present ids just above
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, entry.clock);
      encoding.writeVarString(inner, this.publicJsonOf(entry));
    }
    if (includeSummary) {
      encoding.writeVarUint(inner, PRESENCE_SUMMARY_CLIENT_ID);
      encoding.writeVarUint(inner, this.summaryClock);
      encoding.writeVarString(inner, this.summaryJson);
    }
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    return encoding.toUint8Array(encoder);
  }
}
