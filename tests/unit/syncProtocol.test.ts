import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MAX_UPDATE_BYTES, MAX_WS_FRAME_BYTES } from '../../shared/limits.js';
import {
  encodeAwarenessMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  parseClientMessage,
  type ClientMessage,
} from '../../server/yjs/syncProtocol.js';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function clientDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('notes').set('a', 'first');
  doc.getText('body').insert(0, 'hello');
  return doc;
}

/** What the stock y-websocket provider sends: messageSync (0) then a y-protocols sync message. */
const syncFrame = (write: (encoder: encoding.Encoder) => void) =>
  frame((encoder) => {
    encoding.writeVarUint(encoder, 0);
    write(encoder);
  });

describe('reading client messages', () => {
  it('[sync-protocol:parse] sync step 1, step 2 and update from y-protocols encoders are read with their payloads', () => {
    const doc = clientDoc();
    const stateVector = Y.encodeStateVector(new Y.Doc());
    expect(parseClientMessage(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, doc)))).toEqual({
      type: 'sync-step-1',
      stateVector: Y.encodeStateVector(doc),
    });
    expect(parseClientMessage(syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, doc, stateVector)))).toEqual({
      type: 'sync-step-2',
      update: Y.encodeStateAsUpdate(doc, stateVector),
    });
    const update = Y.encodeStateAsUpdate(doc);
    expect(parseClientMessage(syncFrame((encoder) => syncProtocol.writeUpdate(encoder, update)))).toEqual({ type: 'update', update });
  });

  it('[sync-protocol:parse] awareness, query-awareness and auth messages are read', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ cursor: 1 });
    const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    expect(parseClientMessage(encodeAwarenessMessage(awarenessUpdate))).toEqual({ type: 'awareness', update: awarenessUpdate });
    expect(parseClientMessage(Uint8Array.of(3))).toEqual({ type: 'query-awareness' });
    expect(parseClientMessage(encodePermissionDenied('no'))).toEqual({ type: 'auth', permission: 'denied', reason: 'no' });
    awareness.destroy();
  });

  it('[sync-protocol:parse] the payload is a copy: changing the frame afterwards changes nothing', () => {
    const update = Y.encodeStateAsUpdate(clientDoc());
    const bytes = encodeUpdateMessage(update);
    const message = parseClientMessage(bytes) as Extract<ClientMessage, { type: 'update' }>;
    bytes.fill(0);
    expect(message.update).toEqual(update);
  });

  it.each([
    ['an empty frame', new Uint8Array(), 'malformed'],
    ['a truncated varuint', Uint8Array.of(0x80), 'malformed'],
    ['a varuint that never ends', new Uint8Array(12).fill(0xff), 'malformed'],
    ['a sync message without a subtype', Uint8Array.of(0), 'malformed'],
    ['a step 1 without its state vector', Uint8Array.of(0, 0), 'malformed'],
    ['a payload shorter than its length', Uint8Array.of(0, 2, 5, 1, 2), 'malformed'],
    ['a state vector that does not decode', Uint8Array.of(0, 0, 2, 5, 1), 'malformed'],
    ['a state vector with junk after it', Uint8Array.of(0, 0, 2, 0, 0), 'malformed'],
    ['an awareness message without a payload', Uint8Array.of(1), 'malformed'],
    ['a query-awareness with trailing bytes', Uint8Array.of(3, 0), 'malformed'],
    ['an auth reason that is not UTF-8', Uint8Array.of(2, 0, 1, 0xff), 'malformed'],
    ['an unknown message type', Uint8Array.of(7), 'unknown-type'],
    ['an unknown sync subtype', Uint8Array.of(0, 9), 'unknown-type'],
    ['an unknown auth subtype', Uint8Array.of(2, 1), 'unknown-type'],
  ])('[sync-protocol:refuse] %s is refused as %s', (_label, bytes, error) => {
    expect(parseClientMessage(bytes)).toMatchObject({ error });
  });

  it('[sync-protocol:refuse] trailing junk after a valid message is refused', () => {
    const valid = encodeUpdateMessage(Y.encodeStateAsUpdate(clientDoc()));
    expect(parseClientMessage(valid)).toMatchObject({ type: 'update' });
    expect(parseClientMessage(Uint8Array.of(...valid, 0))).toMatchObject({ error: 'malformed' });
  });

  it('[sync-protocol:size] a declared length over the update limit is refused before any bytes are read', () => {
    const claim = frame((encoder) => {
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint(encoder, MAX_UPDATE_BYTES + 1);
    });
    expect(claim.length).toBeLessThan(10);
    expect(parseClientMessage(claim)).toMatchObject({ error: 'too-large' });
    const atLimit = frame((encoder) => {
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(encoder, new Uint8Array(MAX_UPDATE_BYTES));
    });
    expect(parseClientMessage(atLimit)).toMatchObject({ type: 'update' });
    const awarenessClaim = frame((encoder) => {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, 2 ** 40);
    });
    expect(parseClientMessage(awarenessClaim)).toMatchObject({ error: 'too-large' });
  });

  it('[sync-protocol:size] a frame over the websocket limit is refused whole', () => {
    expect(parseClientMessage(new Uint8Array(MAX_WS_FRAME_BYTES + 1))).toMatchObject({ error: 'too-large' });
  });
});

describe('messages the server sends', () => {
  it('[sync-protocol:handshake] a client and the server converge through the encoders and the parser', () => {
    const server = new Y.Doc();
    server.getMap('notes').set('from-server', 1);
    const client = clientDoc();

    // Server → client: step 1; the client answers with step 2 through y-protocols.
    const fromServer = decoding.createDecoder(encodeSyncStep1(server));
    expect(decoding.readVarUint(fromServer)).toBe(0);
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, 0);
    syncProtocol.readSyncMessage(fromServer, reply, client, 'server');
    const step2 = parseClientMessage(encoding.toUint8Array(reply));
    expect(step2).toMatchObject({ type: 'sync-step-2' });
    Y.applyUpdate(server, (step2 as { update: Uint8Array }).update);

    // Client → server: step 1; the server answers with step 2.
    const clientStep1 = parseClientMessage(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, client)));
    const answer = decoding.createDecoder(encodeSyncStep2(server, (clientStep1 as { stateVector: Uint8Array }).stateVector));
    expect(decoding.readVarUint(answer)).toBe(0);
    syncProtocol.readSyncMessage(answer, encoding.createEncoder(), client, 'server');

    expect(client.getMap('notes').toJSON()).toEqual(server.getMap('notes').toJSON());
    expect(Y.encodeStateVector(client)).toEqual(Y.encodeStateVector(server));
  });

  it('[sync-protocol:encode] an update message decodes with y-protocols to the same update', () => {
    const update = Y.encodeStateAsUpdate(clientDoc());
    const decoder = decoding.createDecoder(encodeUpdateMessage(update));
    expect(decoding.readVarUint(decoder)).toBe(0);
    expect(decoding.readVarUint(decoder)).toBe(2);
    expect(decoding.readVarUint8Array(decoder)).toEqual(update);
  });
});
