import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PRESENCE_SUMMARY_CLIENT_ID } from '../../shared/limits.js';
import { Presence, type PresencePeer } from '../../server/rooms/Presence.js';

interface FakePeer extends PresencePeer {
  /** What this peer would know by applying every presence message it got. */
  view: Awareness;
  messages: number;
}

function fakePeer(index: number): FakePeer {
  const view = new Awareness(new Y.Doc());
  const peer: FakePeer = {
    id: `peer-${index}`,
    identity: { personId: `person-${index}`, name: `Person ${index}`, organisation: `Org ${index}`, role: 'participant' },
    view,
    messages: 0,
    sendPresenceMessage(message) {
      peer.messages += 1;
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(1);
      applyAwarenessUpdate(view, decoding.readVarUint8Array(decoder), 'server');
    },
  };
  return peer;
}

function stateUpdate(clientId: number, clock: number, state: unknown): Uint8Array {
  const awareness = new Awareness(new Y.Doc());
  awareness.clientID = clientId;
  awareness.states.set(clientId, state as Record<string, unknown>);
  awareness.meta.set(clientId, { clock, lastUpdated: Date.now() });
  return encodeAwarenessUpdate(awareness, [clientId]);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('[presence:summary] presence on a big board', () => {
  const presences: Presence[] = [];
  afterEach(() => presences.splice(0).forEach((presence) => presence.destroy()));

  function board(summaryAbovePeople: number, peerCount: number) {
    const presence = new Presence(10, 2048, summaryAbovePeople);
    presences.push(presence);
    const peers = Array.from({ length: peerCount }, (_, index) => fakePeer(index));
    for (const peer of peers) presence.addPeer(peer);
    return { presence, peers };
  }

  it('on a small board, sends each person’s typing as it is', async () => {
    const { presence, peers } = board(5, 3);
    peers.forEach((peer, index) => presence.receive(peer, stateUpdate(100 + index, 1, { typing: 'stage-a' })));
    await settle();
    const state = peers[0]!.view.getStates().get(101) as { user: { name: string }; typing: string };
    expect(state.user.name).toBe('Person 1');
    expect(state.typing).toBe('stage-a');
    expect(peers[0]!.view.getStates().has(PRESENCE_SUMMARY_CLIENT_ID)).toBe(false);
  });

  it('on a big board, sends people without typing and one summary with counts', async () => {
    const { presence, peers } = board(2, 4);
    peers.forEach((peer, index) => presence.receive(peer, stateUpdate(100 + index, 1, { typing: index < 3 ? 'stage-a' : 'stage-b' })));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const view = peers[3]!.view.getStates();
    expect((view.get(100) as { user: { name: string }; typing: unknown }).typing).toBeNull();
    expect((view.get(100) as { user: { name: string } }).user.name).toBe('Person 0');
    expect(view.get(PRESENCE_SUMMARY_CLIENT_ID)).toEqual({ summary: { people: 4, typing: { 'stage-a': 3, 'stage-b': 1 } } });
  });

  it('on a big board, typing changes cost one summary a second, not a message per keystroke', async () => {
    const { presence, peers } = board(2, 4);
    peers.forEach((peer, index) => presence.receive(peer, stateUpdate(100 + index, 1, { typing: null })));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = peers[0]!.messages;
    for (let clock = 2; clock < 40; clock += 1) {
      presence.receive(peers[1]!, stateUpdate(101, clock, { typing: clock % 2 === 0 ? 'stage-a' : 'stage-b' }));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(peers[0]!.messages - before).toBeLessThanOrEqual(2);
  });

  it('refuses to let a client speak for the summary’s client id', async () => {
    const { presence, peers } = board(2, 3);
    presence.receive(peers[0]!, stateUpdate(PRESENCE_SUMMARY_CLIENT_ID, 99, { summary: { people: 999, typing: {} } }));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const summary = peers[1]!.view.getStates().get(PRESENCE_SUMMARY_CLIENT_ID) as { summary?: { people: number } } | undefined;
    expect(summary?.summary?.people).not.toBe(999);
  });
});
