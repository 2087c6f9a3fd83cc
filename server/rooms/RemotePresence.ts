/**
 * Presence across instances (issue 11, docs/adr/0006-live-boards-across-instances.md): a board's side of
 * presence on the bus, next to its `Presence` (which keeps remote entries apart from local ones).
 *
 * - Out: what a person connected here shows (arrive, leave, typing) goes on the board's stream, coalesced
 *   per presence tick (one message with a batch of states, never one per keystroke). The instance where a
 *   person is connected stamps their identity from the session; the others take it as sent.
 * - Heartbeat: every local state shown is sent again every `heartbeatMs`, so the others can expire states
 *   not heard of for `expiryMs`: an instance that dies (SIGKILL) says nothing, and its people must not
 *   stay shown on the others for ever.
 * - In: states of other instances are applied to `Presence` as remote entries.
 * - Joining: the board was just loaded here and knows nobody elsewhere: it asks every instance to send its
 *   states again, instead of waiting up to a heartbeat.
 * - Leaving (unload, shutdown): everyone this instance showed to the others is sent as left.
 *
 * Typing travels with the states; the receiving instance sends it to its officers only, as its own.
 */
import { MAX_PRESENCE_STATES_PER_MESSAGE, type BusPayload, type PresenceState } from '../cluster/busMessages.js';
import type { Presence } from './Presence.js';

export type PresencePayload = Extract<BusPayload, { kind: 'presence' }>;

export interface RemotePresenceTimes {
  /** How often every local state is sent again, in ms. */
  heartbeatMs: number;
  /** A remote state not heard of for this long is hidden, in ms: a few heartbeats. */
  expiryMs: number;
}

/** Defaults: a heartbeat every 10 s; a state missing three heartbeats is gone (its instance died). */
export const REMOTE_PRESENCE_TIMES: RemotePresenceTimes = { heartbeatMs: 10_000, expiryMs: 30_000 };
/** Longest wait between two looks for remote states to expire, in ms. */
const MAX_EXPIRY_CHECK_MS = 1_000;

export class RemotePresence {
  /** Local client ids whose shown state changed since the last tick. */
  private readonly changed = new Set<number>();
  /** Local client ids the other instances were last told are shown: told they left when this instance leaves. */
  private readonly shownElsewhere = new Set<number>();
  private tickTimer: NodeJS.Timeout | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private lastHeartbeatAt = 0;
  private mustResendAll = false;

  constructor(
    private readonly presence: Presence,
    private readonly send: (payload: PresencePayload) => void,
    private readonly tickMs: number,
    private readonly times: RemotePresenceTimes = REMOTE_PRESENCE_TIMES,
  ) {}

  /** The board joined the bus: local changes go out from now on, and the other instances are asked for theirs. */
  start(): void {
    this.presence.onLocalChange = (clientId) => {
      this.changed.add(clientId);
      this.scheduleTick();
    };
    this.lastHeartbeatAt = Date.now();
    this.send({ kind: 'presence', states: [], resendAll: true });
    this.checkTimer = setInterval(() => this.check(), Math.min(this.times.heartbeatMs, this.times.expiryMs / 4, MAX_EXPIRY_CHECK_MS));
    this.checkTimer.unref();
  }

  /** A presence message from instance `from`. */
  receive(from: string, payload: PresencePayload): void {
    const now = Date.now();
    for (const state of payload.states) this.presence.applyRemote(from, state, now);
    if (payload.resendAll) {
      this.mustResendAll = true;
      this.scheduleTick();
    }
  }

  /** The board leaves this instance (unload or shutdown): everyone shown from here is sent as left. */
  stop(): void {
    if (this.tickTimer) clearTimeout(this.tickTimer);
    if (this.checkTimer) clearInterval(this.checkTimer);
    this.tickTimer = this.checkTimer = null;
    this.presence.onLocalChange = null;
    const states: PresenceState[] = [];
    for (const clientId of new Set([...this.shownElsewhere, ...this.changed])) {
      const state = this.presence.localState(clientId);
      if (state) states.push({ ...state, typing: null, present: false });
    }
    this.shownElsewhere.clear();
    this.changed.clear();
    this.sendInBatches(states);
  }

  private scheduleTick(): void {
    this.tickTimer ??= setTimeout(() => this.tick(), this.tickMs);
  }

  /** Sends the tick's changes (or everything, when another instance asked for it). */
  private tick(): void {
    this.tickTimer = null;
    if (this.mustResendAll) return this.heartbeat();
    const states = [...this.changed].flatMap((clientId) => this.presence.localState(clientId) ?? []);
    this.changed.clear();
    for (const state of states) {
      if (state.present) this.shownElsewhere.add(state.clientId);
      else this.shownElsewhere.delete(state.clientId);
    }
    this.sendInBatches(states);
  }

  private check(): void {
    const now = Date.now();
    this.presence.expireRemote(now, this.times.expiryMs);
    if (now - this.lastHeartbeatAt >= this.times.heartbeatMs) this.heartbeat();
  }

  /** Every local state shown, again (pending changes included: a left state is sent once more as left). */
  private heartbeat(): void {
    this.mustResendAll = false;
    this.lastHeartbeatAt = Date.now();
    const clientIds = new Set([...this.presence.localPresentClientIds(), ...this.changed]);
    this.changed.clear();
    const states = [...clientIds].flatMap((clientId) => this.presence.localState(clientId) ?? []);
    this.shownElsewhere.clear();
    for (const state of states) if (state.present) this.shownElsewhere.add(state.clientId);
    // An empty heartbeat says nothing: nobody elsewhere holds a state of ours to keep alive.
    if (states.length > 0) this.sendInBatches(states);
  }

  private sendInBatches(states: PresenceState[]): void {
    for (let start = 0; start < states.length; start += MAX_PRESENCE_STATES_PER_MESSAGE) {
      this.send({ kind: 'presence', states: states.slice(start, start + MAX_PRESENCE_STATES_PER_MESSAGE), resendAll: false });
    }
  }
}
