/**
 * Presence in anonymous mode (issue 12, server/rooms/Presence.ts): non-officers get no person id, name or
 * organisation of a participant or observer, from the moment the mode is switched (everyone shown is sent
 * again at once) and for anyone who arrives later; officers' view never changes; switching off sends the
 * identities again. Peers apply what they get to a real y-protocols Awareness, as the stock provider does.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Presence, type PresenceIdentity, type PresencePeer } from '../../server/rooms/Presence.js';

const TICK_MS = 10;

interface FakePeer extends PresencePeer {
  view: Awareness;
  /** Every message as text (the state JSON is plain UTF-8 inside it). */
  received: string[];
}

function fakePeer(index: number, role: PresenceIdentity['role']): FakePeer {
  const view = new Awareness(new Y.Doc());
  const peer: FakePeer = {
    id: `peer-${index}`,
    identity: { personId: `person-id-${index}`, name: `Person ${index}`, organisation: `Org ${index}`, role },
    view,
    received: [],
    sendPresenceMessage(message) {
      peer.received.push(Buffer.from(message).toString('utf8'));
      const decoder = decoding.createDecoder(message);
      decoding.readVarUint(decoder);
      applyAwarenessUpdate(view, decoding.readVarUint8Array(decoder), 'server');
    },
  };
  return peer;
}

function arrive(presence: Presence, peer: FakePeer): void {
  presence.addPeer(peer);
  peer.view.setLocalState({ typing: null });
  expect(presence.receive(peer, encodeAwarenessUpdate(peer.view, [peer.view.clientID]))).toEqual({ ok: true });
}

const userAt = (peer: FakePeer, other: FakePeer) => (peer.view.getStates().get(other.view.clientID) as { user?: Record<string, string> } | undefined)?.user;

describe('[#12.anonymity] presence in anonymous mode', () => {
  let isAnonymous = false;
  let presence: Presence;
  let peers: FakePeer[];

  beforeEach(() => {
    vi.useFakeTimers();
    isAnonymous = false;
    presence = new Presence(TICK_MS, 2048, () => false, () => isAnonymous);
    presence.anonymityChanged(); // the first look, as BoardRoom does at load
    peers = [fakePeer(0, 'officer'), fakePeer(1, 'participant'), fakePeer(2, 'participant'), fakePeer(3, 'observer')];
    for (const peer of peers) arrive(presence, peer);
    vi.advanceTimersByTime(TICK_MS * 2);
  });

  afterEach(() => {
    presence.destroy();
    for (const peer of peers) peer.view.destroy();
    vi.useRealTimers();
  });

  it('[#12.anonymity] a switch re-sends participants to non-officers without identity at once; officers still see everyone', () => {
    const [officer, first, second, observer] = peers as [FakePeer, FakePeer, FakePeer, FakePeer];
    expect(userAt(second, first)).toMatchObject({ id: 'person-id-1', name: 'Person 1' });
    const from = second.received.length;
    isAnonymous = true;
    presence.anonymityChanged();

    expect(userAt(second, first)).toEqual({ id: `anonymous-${first.view.clientID}`, name: 'Participant', organisation: '', role: 'participant' });
    expect(userAt(second, observer)).toMatchObject({ name: 'Observer', role: 'observer' });
    expect(userAt(observer, first)).toMatchObject({ name: 'Participant' });
    // Officers are still shown by name to everyone; officers see everyone as before.
    expect(userAt(second, officer)).toMatchObject({ id: 'person-id-0', name: 'Person 0', role: 'officer' });
    expect(userAt(officer, first)).toMatchObject({ id: 'person-id-1', name: 'Person 1', organisation: 'Org 1' });

    // Nothing sent to a participant from now on names another participant, renewals and late joiners included.
    const late = fakePeer(4, 'participant');
    peers.push(late);
    arrive(presence, late);
    vi.advanceTimersByTime(30_000);
    for (const [peer, start] of [[second, from], [late, 0]] as const) {
      const text = peer.received.slice(start).join('\n');
      for (const hidden of ['person-id-1', 'Person 1', 'Org 1', 'person-id-3', 'Person 3', 'Org 3']) expect(text).not.toContain(hidden);
    }
    expect(userAt(late, first)).toMatchObject({ name: 'Participant' });
    expect(userAt(first, late)).toMatchObject({ name: 'Participant' });
  });

  it('[#12.anonymity] switching off sends the identities again', () => {
    const [, first, second] = peers as [FakePeer, FakePeer, FakePeer];
    isAnonymous = true;
    presence.anonymityChanged();
    expect(userAt(second, first)).toMatchObject({ name: 'Participant' });
    isAnonymous = false;
    presence.anonymityChanged();
    expect(userAt(second, first)).toEqual({ id: 'person-id-1', name: 'Person 1', organisation: 'Org 1', role: 'participant' });
  });
});
