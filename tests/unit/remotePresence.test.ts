/**
 * Presence across instances (issue 11) without Redis: `Presence`'s remote entries, seen by peers that
 * apply what they are sent to a real y-protocols Awareness (as the stock provider does), `RemotePresence`
 * with a recording `send`, and the bus schema of a presence message. Fake timers drive the ticks,
 * heartbeats, renewals and the awareness's own 30 s timeout together.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readEnvelope, type PresenceState } from '../../server/cluster/busMessages.js';
import { Presence, type PresenceIdentity, type PresencePeer } from '../../server/rooms/Presence.js';
import { RemotePresence, type PresencePayload } from '../../server/rooms/RemotePresence.js';

const TICK_MS = 10;
const TIMES = { heartbeatMs: 10_000, expiryMs: 30_000 };
const PERSON_ON_B = 'personOnB-0123456789';

interface FakePeer extends PresencePeer {
  view: Awareness;
  /** When each state was sent to it: client id and clock (a renewal has a newer clock). */
  sent: Array<{ at: number; clientId: number; clock: number }>;
}

function fakePeer(index: number, role: PresenceIdentity['role']): FakePeer {
  const view = new Awareness(new Y.Doc());
  const sent: FakePeer['sent'] = [];
  return {
    id: `peer-${index}`,
    identity: { personId: `person-${index}-0123456789`, name: `Person ${index}`, organisation: `Org ${index}`, role },
    view,
    sent,
    sendPresenceMessage(message) {
      const decoder = decoding.createDecoder(message);
      decoding.readVarUint(decoder);
      const update = decoding.readVarUint8Array(decoder);
      const entries = decoding.createDecoder(update);
      for (let count = decoding.readVarUint(entries); count > 0; count -= 1) {
        sent.push({ at: Date.now(), clientId: decoding.readVarUint(entries), clock: decoding.readVarUint(entries) });
        decoding.readVarString(entries);
      }
      applyAwarenessUpdate(view, update, 'server');
    },
  };
}

function arrive(presence: Presence, peer: FakePeer, state: Record<string, unknown> = { typing: null }): void {
  presence.addPeer(peer);
  peer.view.setLocalState(state);
  expect(presence.receive(peer, encodeAwarenessUpdate(peer.view, [peer.view.clientID]))).toEqual({ ok: true });
}

function stateOnB(overrides: Partial<PresenceState> = {}): PresenceState {
  return { clientId: 4242, personId: PERSON_ON_B, name: 'Sam Supplier', organisation: 'Supplies Ltd', role: 'participant', typing: null, present: true, ...overrides };
}

const shownAt = (peer: FakePeer, clientId: number) => peer.view.getStates().get(clientId) as { user: Record<string, string>; typing: string | null } | undefined;

describe('[#11] presence of people on other instances', () => {
  let isAnonymous: boolean;
  let presence: Presence;
  let officer: FakePeer;
  let participant: FakePeer;

  beforeEach(() => {
    vi.useFakeTimers();
    isAnonymous = false;
    presence = new Presence(TICK_MS, 2048, (id) => id === 'problem-a', () => isAnonymous);
    presence.anonymityChanged();
    officer = fakePeer(0, 'officer');
    participant = fakePeer(1, 'participant');
    arrive(presence, officer);
    arrive(presence, participant);
    vi.advanceTimersByTime(TICK_MS * 2);
  });

  afterEach(() => {
    presence.destroy();
    officer.view.destroy();
    participant.view.destroy();
    vi.useRealTimers();
  });

  it('shows a remote person as a local one: typing to officers only, anonymous to non-officers in anonymous mode, renewed on this server’s clock', () => {
    presence.applyRemote('i-b', stateOnB({ typing: 'problem-a' }), Date.now());
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(shownAt(officer, 4242)).toEqual({ user: { id: PERSON_ON_B, name: 'Sam Supplier', organisation: 'Supplies Ltd', role: 'participant' }, typing: 'problem-a' });
    expect(shownAt(participant, 4242)).toEqual({ user: { id: PERSON_ON_B, name: 'Sam Supplier', organisation: 'Supplies Ltd', role: 'participant' }, typing: null });
    expect(presence.peopleCount).toBe(3);

    isAnonymous = true;
    presence.anonymityChanged();
    expect(shownAt(participant, 4242)?.user).toMatchObject({ name: 'Participant' });
    expect(JSON.stringify(shownAt(participant, 4242))).not.toMatch(/Sam Supplier|Supplies Ltd|personOnB/);
    expect(shownAt(officer, 4242)?.user).toMatchObject({ name: 'Sam Supplier' });

    // A minute of heartbeats from B (nothing new in them): this server renews the state to its peers at
    // least every 15 s, as a local one, so the stock awareness (30 s timeout) never drops it.
    const start = Date.now();
    for (let second = 0; second < 60; second += 1) {
      if (second % 10 === 0) presence.applyRemote('i-b', stateOnB({ typing: 'problem-a' }), Date.now());
      presence.expireRemote(Date.now(), TIMES.expiryMs);
      vi.advanceTimersByTime(1_000);
      expect(shownAt(participant, 4242), `second ${second}`).toBeDefined();
    }
    for (const peer of [officer, participant]) {
      let lastClock = 0;
      const renewedAt: number[] = [];
      for (const { at, clientId, clock } of peer.sent) {
        if (clientId !== 4242 || clock <= lastClock) continue;
        lastClock = clock;
        renewedAt.push(at);
      }
      const times = [start, ...renewedAt.filter((at) => at >= start), Date.now()];
      expect(Math.max(...times.slice(1).map((at, index) => at - times[index]!)), peer.id).toBeLessThanOrEqual(15_000);
    }
    // Then B falls silent: gone once the expiry passed.
    vi.advanceTimersByTime(TIMES.expiryMs + 1_000);
    presence.expireRemote(Date.now(), TIMES.expiryMs);
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(shownAt(officer, 4242)).toBeUndefined();
    expect(shownAt(participant, 4242)).toBeUndefined();
    expect(presence.peopleCount).toBe(2);
  });

  it('keeps ids per person, lets a connection here win, and takes a "left" only from the instance that shows the person', () => {
    // B claims the id of the officer connected here: ignored.
    presence.applyRemote('i-b', stateOnB({ clientId: officer.view.clientID }), Date.now());
    // The officer (same person) on B too, with this id: the connection here wins.
    presence.applyRemote('i-b', stateOnB({ clientId: officer.view.clientID, personId: officer.identity.personId, name: 'Forged' }), Date.now());
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(shownAt(participant, officer.view.clientID)?.user).toMatchObject({ id: officer.identity.personId, name: 'Person 0' });

    // Someone moved from B to C: B's late "left" does not hide them; C's does.
    presence.applyRemote('i-b', stateOnB(), Date.now());
    presence.applyRemote('i-c', stateOnB(), Date.now());
    presence.applyRemote('i-b', stateOnB({ present: false }), Date.now());
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(shownAt(officer, 4242)).toBeDefined();
    presence.applyRemote('i-c', stateOnB({ present: false }), Date.now());
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(shownAt(officer, 4242)).toBeUndefined();
    // The id stays theirs: another person on another instance cannot take it.
    presence.applyRemote('i-d', stateOnB({ personId: 'someoneElse-0123456789' }), Date.now());
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(shownAt(officer, 4242)).toBeUndefined();
  });

  it('sends a tick’s local changes in one message, everyone again on the heartbeat and when asked, and everyone as left on stop', () => {
    const sent: PresencePayload[] = [];
    const remote = new RemotePresence(presence, (payload) => sent.push(payload), TICK_MS, TIMES);
    remote.start();
    expect(sent).toEqual([{ kind: 'presence', states: [], resendAll: true }]);

    const writer = fakePeer(2, 'participant');
    arrive(presence, writer);
    for (const typing of ['problem-a', null, 'problem-a', null, 'problem-a']) {
      writer.view.setLocalStateField('typing', typing);
      presence.receive(writer, encodeAwarenessUpdate(writer.view, [writer.view.clientID]));
    }
    vi.advanceTimersByTime(TICK_MS);
    expect(sent.slice(1)).toEqual([
      { kind: 'presence', resendAll: false, states: [{ clientId: writer.view.clientID, personId: writer.identity.personId, name: 'Person 2', organisation: 'Org 2', role: 'participant', typing: 'problem-a', present: true }] },
    ]);

    // Remote entries are never sent on: only the instance that shows someone speaks for them.
    presence.applyRemote('i-b', stateOnB(), Date.now());
    sent.length = 0;
    vi.advanceTimersByTime(TIMES.heartbeatMs);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.states.map((state) => state.clientId).sort()).toEqual([officer, participant, writer].map((peer) => peer.view.clientID).sort());

    sent.length = 0;
    remote.receive('i-c', { kind: 'presence', states: [], resendAll: true });
    vi.advanceTimersByTime(TICK_MS);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.states).toHaveLength(3);

    sent.length = 0;
    remote.stop();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.states.every((state) => !state.present && state.typing === null)).toBe(true);
    expect(sent[0]!.states).toHaveLength(3);
    vi.advanceTimersByTime(TIMES.heartbeatMs * 2);
    expect(sent).toHaveLength(1);
    writer.view.destroy();
  });

  it('drops a presence message from the bus that does not fit the schema', () => {
    const envelope = (state: unknown) => JSON.stringify({ origin: 'i-b', number: 1, payload: { kind: 'presence', states: [state], resendAll: false } });
    expect(readEnvelope(envelope(stateOnB())).ok).toBe(true);
    for (const bad of [
      { ...stateOnB(), clientId: -1 },
      { ...stateOnB(), clientId: 1.5 },
      { ...stateOnB(), personId: '../../etc' },
      { ...stateOnB(), name: 'x'.repeat(81) },
      { ...stateOnB(), organisation: 'x'.repeat(121) },
      { ...stateOnB(), role: 'admin' },
      { ...stateOnB(), typing: 'x'.repeat(65) },
      { ...stateOnB(), present: 'yes' },
      { ...stateOnB(), present: undefined },
    ]) {
      expect(readEnvelope(envelope(bad)).ok, JSON.stringify(bad).slice(0, 120)).toBe(false);
    }
    const tooMany = JSON.stringify({ origin: 'i-b', number: 1, payload: { kind: 'presence', states: Array.from({ length: 1_001 }, () => stateOnB()), resendAll: false } });
    expect(readEnvelope(tooMany).ok).toBe(false);
  });
});
