/**
 * Presence (server/rooms/Presence.ts) with peers that apply what they are sent to a real y-protocols
 * Awareness, as the stock provider does. Fake timers drive the server's ticks and renewals and the
 * awareness's own 30 s timeout together.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MAX_AWARENESS_MESSAGE_BYTES, PRESENCE_SUMMARY_CLIENT_ID } from '../../shared/limits.js';
import { handWrittenAwareness } from '../helpers/handWrittenAwareness.js';
import { MAX_SENT_PRESENCE_BYTES, Presence, type PresenceIdentity, type PresencePeer } from '../../server/rooms/Presence.js';

const TARGETS = new Set(['problem-a', 'stage-b']);
const TICK_MS = 10;

interface FakePeer extends PresencePeer {
  /** What this peer knows by applying every presence message it got (its own client id is `view.clientID`). */
  view: Awareness;
  /** Every message: when, and the entries (client id, clock, state JSON). */
  messages: Array<{ at: number; bytes: number; entries: Array<{ clientId: number; clock: number; state: string }> }>;
}

function entriesOf(message: Uint8Array): Array<{ clientId: number; clock: number; state: string }> {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(1);
  const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const count = decoding.readVarUint(inner);
  return Array.from({ length: count }, () => ({
    clientId: decoding.readVarUint(inner),
    clock: decoding.readVarUint(inner),
    state: decoding.readVarString(inner),
  }));
}

function fakePeer(index: number, role: PresenceIdentity['role'] = 'participant', personIndex = index): FakePeer {
  const view = new Awareness(new Y.Doc());
  const peer: FakePeer = {
    id: `peer-${index}`,
    identity: { personId: `person-${personIndex}`, name: `Person ${personIndex}`, organisation: `Org ${personIndex}`, role },
    view,
    messages: [],
    sendPresenceMessage(message) {
      peer.messages.push({ at: Date.now(), bytes: message.byteLength, entries: entriesOf(message) });
      const decoder = decoding.createDecoder(message);
      decoding.readVarUint(decoder);
      applyAwarenessUpdate(view, decoding.readVarUint8Array(decoder), 'server');
    },
  };
  return peer;
}

/** The peer's own state, as its stock awareness would send it (its own client id and clock). */
function ownState(peer: FakePeer, state: Record<string, unknown> | null): Uint8Array {
  peer.view.setLocalState(state);
  return encodeAwarenessUpdate(peer.view, [peer.view.clientID]);
}

type Typing = { typing?: string | null };
const stateAt = (peer: FakePeer, clientId: number) => peer.view.getStates().get(clientId) as ({ user: { id: string; name: string } } & Typing) | undefined;

describe('presence on a board', () => {
  const presences: Presence[] = [];
  const peersMade: FakePeer[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    presences.splice(0).forEach((presence) => presence.destroy());
    peersMade.splice(0).forEach((peer) => peer.view.destroy());
    vi.useRealTimers();
  });

  function board(roles: Array<PresenceIdentity['role']>) {
    const presence = new Presence(TICK_MS, 2048, (id) => TARGETS.has(id));
    presences.push(presence);
    const peers = roles.map((role, index) => fakePeer(index, role));
    peersMade.push(...peers);
    for (const peer of peers) presence.addPeer(peer);
    for (const peer of peers) expect(presence.receive(peer, ownState(peer, { typing: null }))).toEqual({ ok: true });
    vi.advanceTimersByTime(TICK_MS * 2);
    return { presence, peers };
  }

  it('[#10.7] shows officers who is writing where, and nobody else', () => {
    const { presence, peers } = board(['officer', 'participant', 'participant', 'observer']);
    const [officer, writer, other, observer] = peers as [FakePeer, FakePeer, FakePeer, FakePeer];
    presence.receive(writer, ownState(writer, { typing: 'problem-a' }));
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(stateAt(officer, writer.view.clientID)).toMatchObject({ user: { name: 'Person 1' }, typing: 'problem-a' });
    for (const peer of [other, observer]) {
      expect(stateAt(peer, writer.view.clientID)).toEqual({
        user: { id: 'person-1', name: 'Person 1', organisation: 'Org 1', role: 'participant' },
        typing: null,
      });
      expect(JSON.stringify(peer.messages)).not.toContain('problem-a');
    }
  });

  it('[#10.7] sends non-officers exactly the same messages at the same times whether or not someone writes', () => {
    const recordOthers = (isWriting: boolean) => {
      vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
      const { presence, peers } = board(['officer', 'participant', 'participant', 'observer']);
      const [, writer, other, observer] = peers as [FakePeer, FakePeer, FakePeer, FakePeer];
      const start = other.messages.length;
      const startObserver = observer.messages.length;
      for (let second = 0; second < 60; second += 1) {
        if (isWriting && second % 3 === 0) presence.receive(writer, ownState(writer, { typing: second % 2 === 0 ? 'problem-a' : 'stage-b' }));
        if (isWriting && second % 7 === 0) presence.receive(writer, ownState(writer, { typing: null }));
        vi.advanceTimersByTime(1_000);
      }
      // Who receives what, and when: client ids are random per run, so they are left out.
      const seen = (peer: FakePeer, from: number) =>
        peer.messages.slice(from).map(({ at, entries }) => ({ at, entries: entries.map(({ clock, state }) => ({ clock, state })) }));
      const result = { other: seen(other, start), observer: seen(observer, startObserver) };
      presences.pop()?.destroy();
      return result;
    };
    const idle = recordOthers(false);
    const writing = recordOthers(true);
    expect(idle.other.length).toBeGreaterThan(0);
    expect(writing).toEqual(idle);
  });

  it('[#10.8] keeps `typing` only when it names a problem or stage of the brief', () => {
    const { presence, peers } = board(['officer', 'participant']);
    const [officer, writer] = peers as [FakePeer, FakePeer];
    for (const typing of ['x'.repeat(40), 'not-a-target', '<img src=x onerror=alert(1)>', 42, { id: 'problem-a' }, 'stage-b']) {
      presence.receive(writer, ownState(writer, { typing }));
      vi.advanceTimersByTime(TICK_MS * 2);
      expect(stateAt(officer, writer.view.clientID)?.typing, `typing ${JSON.stringify(typing)}`).toBe(typing === 'stage-b' ? 'stage-b' : null);
    }
  });

  it('[#10.8] a new connection cannot take the client id of someone who left, and the person who left comes back', () => {
    const { presence, peers } = board(['officer', 'participant']);
    const [officer, victim] = peers as [FakePeer, FakePeer];
    const victimId = victim.view.clientID;
    presence.removePeer(victim);
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(stateAt(officer, victimId)).toBeUndefined();

    const squatter = fakePeer(7, 'participant');
    peersMade.push(squatter);
    presence.addPeer(squatter);
    const squatted = handWrittenAwareness([{ clientId: victimId, clock: 1_000, state: JSON.stringify({ typing: 'problem-a' }) }]);
    expect(presence.receive(squatter, squatted)).toEqual({ ok: true });
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(stateAt(officer, victimId)).toBeUndefined();

    // The victim comes back on a new connection with the same client id (as the stock provider does).
    const returning: FakePeer = { ...fakePeer(8, 'participant', 1), view: victim.view };
    presence.addPeer(returning);
    presence.receive(returning, ownState(victim, { typing: 'stage-b' }));
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(stateAt(officer, victimId)).toMatchObject({ user: { id: 'person-1' }, typing: 'stage-b' });
    // The squatter still cannot speak for it, even with a "left" or a higher clock.
    presence.receive(squatter, handWrittenAwareness([{ clientId: victimId, clock: 9_999, state: 'null' }]));
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(stateAt(officer, victimId)).toMatchObject({ user: { id: 'person-1' }, typing: 'stage-b' });
  });

  it('[#10.8] a stale connection of the same person loses the client id to the new one for good', () => {
    const { presence, peers } = board(['officer', 'participant']);
    const [officer, stale] = peers as [FakePeer, FakePeer];
    const fresh: FakePeer = { ...fakePeer(9, 'participant', 1), view: stale.view };
    presence.addPeer(fresh);
    presence.receive(fresh, ownState(stale, { typing: 'problem-a' }));
    presence.receive(stale, handWrittenAwareness([{ clientId: stale.view.clientID, clock: 10_000, state: JSON.stringify({ typing: null }) }]));
    presence.removePeer(stale);
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(stateAt(officer, stale.view.clientID)).toMatchObject({ user: { id: 'person-1' }, typing: 'problem-a' });
  });

  it('[#10.17] ignores other people’s states echoed back, however many, and never refuses them', () => {
    const { presence, peers } = board(['officer', 'participant', 'participant']);
    const [officer, echoer, other] = peers as [FakePeer, FakePeer, FakePeer];
    // 300 states of other client ids (a restart's worth of people), as the stock provider echoes them.
    const echo = handWrittenAwareness(
      Array.from({ length: 300 }, (_, index) => ({
        clientId: index === 0 ? other.view.clientID : 10_000 + index,
        clock: 5 + index,
        state: index % 2 === 0 ? 'null' : JSON.stringify({ user: { id: 'forged', name: 'Forged' }, typing: 'problem-a' }),
      })),
    );
    expect(presence.receive(echoer, echo)).toEqual({ ok: true });
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(stateAt(officer, other.view.clientID)).toMatchObject({ user: { id: 'person-2' } });
    const own = new Set(peers.map((peer) => peer.view.clientID));
    expect([...officer.view.getStates().keys()].filter((id) => !own.has(id))).toEqual([]);
    // Its own state still counts.
    presence.receive(echoer, ownState(echoer, { typing: 'problem-a' }));
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(stateAt(officer, echoer.view.clientID)?.typing).toBe('problem-a');
    // Nobody may speak for the summary's old client id either.
    presence.receive(other, handWrittenAwareness([{ clientId: PRESENCE_SUMMARY_CLIENT_ID, clock: 99, state: '{"summary":{"people":999}}' }]));
    vi.advanceTimersByTime(TICK_MS * 2);
    expect(officer.view.getStates().has(PRESENCE_SUMMARY_CLIENT_ID)).toBe(false);
  });

  it('[#10.17] renews everyone to everyone at least every 15 s while nobody sends anything', () => {
    const { peers } = board(['officer', 'participant', 'participant', 'observer']);
    const start = Date.now();
    for (let second = 0; second < 120; second += 1) vi.advanceTimersByTime(1_000);
    const end = Date.now();
    for (const peer of peers) {
      for (const other of peers.filter((candidate) => candidate !== peer)) {
        // When this peer got a newer state of the other (the stock awareness forgets it 30 s after the last).
        let lastClock = 0;
        const renewedAt: number[] = [];
        for (const message of peer.messages) {
          for (const entry of message.entries) {
            if (entry.clientId !== other.view.clientID || entry.clock <= lastClock || entry.state === 'null') continue;
            lastClock = entry.clock;
            renewedAt.push(message.at);
          }
        }
        const times = [start, ...renewedAt.filter((at) => at >= start), end];
        const longestGap = Math.max(...times.slice(1).map((at, index) => at - times[index]!));
        expect(longestGap, `${other.id} at ${peer.id}`).toBeLessThanOrEqual(15_000);
      }
      const shown = [...peer.view.getStates().keys()].filter((id) => id !== peer.view.clientID).sort();
      expect(shown).toEqual(peers.filter((other) => other !== peer).map((other) => other.view.clientID).sort());
    }
  });

  it('[#10.17] sends a big board (250) in messages small enough to be echoed back, never a person their own state to apply', () => {
    const presence = new Presence(TICK_MS, 2048, () => false);
    presences.push(presence);
    const peers = Array.from({ length: 250 }, (_, index) => fakePeer(index, index === 0 ? 'officer' : 'participant'));
    peersMade.push(...peers);
    for (const peer of peers) presence.addPeer(peer);
    for (const peer of peers) presence.receive(peer, ownState(peer, { typing: null }));
    vi.advanceTimersByTime(TICK_MS * 2);
    const late = fakePeer(250, 'participant');
    peersMade.push(late);
    presence.addPeer(late);
    for (const peer of [...peers, late]) {
      expect(Math.max(...peer.messages.map((message) => message.bytes))).toBeLessThanOrEqual(MAX_SENT_PRESENCE_BYTES + 16);
      expect(peer.view.getStates().size).toBe(peer === late ? 250 + 1 : 250);
      // Their own state comes with clock 0 (never applied): their local state stays theirs.
      const own = peer.messages.flatMap((message) => message.entries).filter((entry) => entry.clientId === peer.view.clientID);
      expect(own.every((entry) => entry.clock === 0)).toBe(true);
    }
    // An echo of the biggest message fits what the server reads from a client.
    expect(MAX_SENT_PRESENCE_BYTES * 2).toBeLessThan(MAX_AWARENESS_MESSAGE_BYTES);
  });

  it('refuses a connection’s own state that is too large or not an object', () => {
    const { presence, peers } = board(['participant']);
    const fresh = fakePeer(5);
    peersMade.push(fresh);
    presence.addPeer(fresh);
    expect(presence.receive(fresh, handWrittenAwareness([{ clientId: 77, clock: 1, state: JSON.stringify({ p: 'x'.repeat(3000) }) }]))).toEqual({
      ok: false,
      reason: 'too-large',
    });
    expect(presence.receive(peers[0]!, handWrittenAwareness([{ clientId: peers[0]!.view.clientID, clock: 9, state: '[1]' }]))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(presence.receive(peers[0]!, new Uint8Array([5, 1, 2]))).toEqual({ ok: false, reason: 'malformed' });
  });
});
