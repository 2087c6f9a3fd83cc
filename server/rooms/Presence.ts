import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

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

/**
 * Presence (y-websocket awareness) for one board, on the wall connection.
 *
 * - Each connection owns one client id: the first one it announces that no other live connection holds.
 *   States it sends for any other client id are ignored (the stock provider echoes others' states back).
 * - A state keeps only the fields we know (`typing`), and `user` is overwritten from the session.
 * - Changes are coalesced: one message per tick for the whole board, instead of every message to everyone.
 */
export class Presence {
  private readonly entries = new Map<number, Entry>();
  private readonly clientIdOfPeer = new Map<string, number>();
  private readonly changed = new Set<number>();
  private readonly peers = new Set<PresencePeer>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tickMs: number,
    private readonly maxStateBytes: number,
  ) {}

  addPeer(peer: PresencePeer): void {
    this.peers.add(peer);
    const everyone = this.encode([...this.entries.keys()].filter((clientId) => this.entries.get(clientId)?.json !== 'null'));
    if (everyone) peer.sendPresenceMessage(everyone);
  }

  /** The peer left: its state is removed for everyone at the next tick. */
  removePeer(peer: PresencePeer): void {
    this.peers.delete(peer);
    const clientId = this.clientIdOfPeer.get(peer.id);
    this.clientIdOfPeer.delete(peer.id);
    if (clientId === undefined) return;
    const entry = this.entries.get(clientId);
    if (!entry || entry.peerId !== peer.id) return;
    this.entries.set(clientId, { clock: entry.clock + 1, json: 'null', peerId: peer.id, sentAt: entry.sentAt });
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
      if (!this.ownsClientId(peer, clientId)) continue;
      const json = this.sanitise(peer.identity, stateText);
      if (json === undefined) return { ok: false, reason: 'malformed' };
      const current = this.entries.get(clientId);
      const isSamePeer = current?.peerId === peer.id;
      if (isSamePeer && current.clock >= clock && !(current.clock === clock && json === 'null')) continue;
      // Clocks we send only ever increase: a client that comes back after we announced it gone (at its
      // clock + 1) would otherwise be ignored by everyone until its own clock caught up.
      const clockOut = isSamePeer || !current ? clock : Math.max(clock, current.clock + 1);
      // Most presence messages change nothing we keep (we keep only who and where they type): those are
      // not sent on, except as a renewal now and then so others' awareness does not time the person out.
      const isUnchanged = isSamePeer && current.json === json;
      const isRenewalDue = !current || Date.now() - current.sentAt >= PRESENCE_RENEWAL_MS;
      this.entries.set(clientId, { clock: clockOut, json, peerId: peer.id, sentAt: current?.sentAt ?? 0 });
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
  private sanitise(identity: PresenceIdentity, stateText: string): string | undefined {
    let state: unknown;
    try {
      state = JSON.parse(stateText);
    } catch {
      return undefined;
    }
    if (state === null) return 'null';
    if (typeof state !== 'object' || Array.isArray(state)) return undefined;
    const typing = (state as Record<string, unknown>).typing;
    const isTypingValid = typeof typing === 'string' && typing.length <= MAX_TYPING_TARGET_CHARS;
    return JSON.stringify({
      user: { id: identity.personId, name: identity.name, organisation: identity.organisation, role: identity.role },
      typing: isTypingValid ? typing : null,
    });
  }

  private markChanged(clientId: number): void {
    this.changed.add(clientId);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.tickMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.changed.size === 0) return;
    const message = this.encode([...this.changed]);
    const now = Date.now();
    for (const clientId of this.changed) {
      const entry = this.entries.get(clientId);
      if (entry) entry.sentAt = now;
    }
    this.changed.clear();
    if (!message) return;
    for (const peer of this.peers) peer.sendPresenceMessage(message);
    // Entries of people who left stay as tombstones (clock only), so a returning client's clock is bumped
    // past them; they are bounded by the number of connections the board ever had while loaded.
  }

  /** One awareness message holding the given client ids' states, encoded once for every peer. */
  private encode(clientIds: number[]): Uint8Array | null {
    const present = clientIds.filter((clientId) => this.entries.has(clientId));
    if (present.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, present.length);
    for (const clientId of present) {
      const entry = this.entries.get(clientId)!; // reason: filtered to present ids just above
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, entry.clock);
      encoding.writeVarString(inner, entry.json);
    }
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    return encoding.toUint8Array(encoder);
  }
}
