/**
 * A document's send chain against the real SQLite store and group-commit writer: one throwing peer or
 * one failed commit must not stop the document's later broadcasts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import { createLogger } from '../../server/log.js';
import { SharedDocument, type DocumentPeer } from '../../server/rooms/SharedDocument.js';
import { GroupCommitWriter } from '../../server/store/groupCommit.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { waitFor } from '../helpers/liveClients.js';

const log = createLogger('silent');
const DOCUMENT = 'board-1/brief';

/** A peer that keeps what it is sent (the updates, decoded) and how it was closed. */
class RecordingPeer implements DocumentPeer {
  readonly updates: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | null = null;
  constructor(readonly id: string) {}

  sendDocumentMessage(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) return;
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsUpdate || type === syncProtocol.messageYjsSyncStep2) this.updates.push(decoding.readVarUint8Array(decoder));
  }

  end(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  text(): string {
    const doc = new Y.Doc();
    for (const update of this.updates) Y.applyUpdate(doc, update);
    return doc.getText('t').toString();
  }
}

/** A peer whose socket throws on send (a broken connection, a bug in a send path). */
class ThrowingPeer extends RecordingPeer {
  override sendDocumentMessage(): void {
    throw new Error('simulated send failure');
  }
}

/** The real writer, except that the appends chosen by the test are refused (a commit that rejects). */
class RefusingWriter extends GroupCommitWriter {
  refuseNext = 0;
  override append(documentName: string, update: Uint8Array): Promise<number> {
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      return Promise.reject(new Error('simulated commit failure'));
    }
    return super.append(documentName, update);
  }
}

describe('[#10.14] a document keeps broadcasting after a failed send or commit', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function openStore(file?: string): { store: SqliteStore; file: string } {
    if (!file) {
      const dir = mkdtempSync(path.join(tmpdir(), 'oiw-send-chain-'));
      dirs.push(dir);
      file = path.join(dir, 'store.sqlite');
    }
    const store = new SqliteStore(file);
    stores.push(store);
    return { store, file };
  }

  /** A server-side change typed into the document's text. */
  function type(shared: SharedDocument, words: string): void {
    shared.doc.transact(() => {
      const text = shared.doc.getText('t');
      text.insert(text.length, words);
    }, { source: 'server' });
  }

  it('[#10.14] a peer whose send throws is closed to resync, and the other peers get every later update', async () => {
    const { store } = openStore();
    const writer = new GroupCommitWriter(store, log);
    const shared = await SharedDocument.load(DOCUMENT, store, writer, log);
    const broken = new ThrowingPeer('broken');
    const first = new RecordingPeer('first');
    const second = new RecordingPeer('second');
    // The throwing peer first, so a loop that stops at it would starve the others.
    for (const peer of [broken, first, second]) shared.peers.add(peer);

    type(shared, 'one ');
    await waitFor(() => first.text() === 'one ' && second.text() === 'one ', { what: 'the first update at both good peers' });
    type(shared, 'two ');
    type(shared, 'three');
    await waitFor(() => first.text() === 'one two three' && second.text() === 'one two three', {
      what: 'later updates at both good peers',
    });
    expect(broken.closedWith?.code).toBe(CLOSE_CODES.outOfSync.code);
    expect(shared.peers.has(broken)).toBe(false);
    shared.destroy();
  });

  it('[#10.14] a failed commit closes the document\'s peers with a resync code; later updates still reach peers and nothing is lost', async () => {
    const { store, file } = openStore();
    const writer = new RefusingWriter(store, log);
    const shared = await SharedDocument.load(DOCUMENT, store, writer, log);
    const before = [new RecordingPeer('a'), new RecordingPeer('b')];
    for (const peer of before) shared.peers.add(peer);

    type(shared, 'kept ');
    await waitFor(() => before.every((peer) => peer.text() === 'kept '), { what: 'the first update' });
    writer.refuseNext = 1;
    type(shared, 'refused ');
    await waitFor(() => before.every((peer) => peer.closedWith !== null), { what: 'the peers closed after the failed commit' });
    for (const peer of before) expect(peer.closedWith?.code).toBe(CLOSE_CODES.outOfSync.code);
    // The failed change was never broadcast.
    for (const peer of before) expect(peer.text()).toBe('kept ');

    // The peers reconnect (new connections sync from the server) and the document carries on.
    const after = new RecordingPeer('c');
    shared.peers.add(after);
    shared.replyToSyncStep1(after, new Uint8Array([0]));
    type(shared, 'later');
    await waitFor(() => after.text() === 'kept refused later', { what: 'a later update at a reconnected peer' });
    await shared.whenSent();
    await writer.drain();
    shared.destroy();
    await store.close();

    // Nothing the server held is lost: the refused change was stored by the document's snapshot.
    const { store: reopened } = openStore(file);
    const restarted = await SharedDocument.load(DOCUMENT, reopened, new GroupCommitWriter(reopened, log), log);
    expect(restarted.doc.getText('t').toString()).toBe('kept refused later');
    restarted.destroy();
  });
});
