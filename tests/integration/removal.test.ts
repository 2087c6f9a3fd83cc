import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { BrowserClient } from '../helpers/http.js';
import { connectProvider, connectRaw, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { connectBoardSocket } from '../helpers/liveBoard.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, expectError, expectStatus, joinBoard, setUpFirstOfficer } from './scenario.js';

describe('[E] sessions end when they should', () => {
  let server: TestServer;
  let officer: BrowserClient;
  let supplier: BrowserClient;
  let boardId: string;
  let linkId: string;
  const providers: LiveProvider[] = [];
  const sockets: Socket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    officer = await setUpFirstOfficer(server);
    const created = await createBoard(officer);
    boardId = created.board.id;
    linkId = created.participantLink.id;
    supplier = await joinBoard(server.url, created.participantLink, { name: 'Eve Mallory', organisation: 'Trouble Ltd' });
  });

  afterEach(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.remove();
  });

  async function supplierPersonId(): Promise<string> {
    return (await supplier.get(`/api/boards/${boardId}`)).body.documents.personId as string;
  }

  async function openSocket(client: BrowserClient): Promise<Socket> {
    const socket = await connectBoardSocket(server.url, client, boardId);
    sockets.push(socket);
    return socket;
  }

  async function connectEverywhere() {
    const personId = await supplierPersonId();
    const wall = await connectRaw(server.url, `${boardId}/wall`, supplier);
    const draft = await connectRaw(server.url, `${boardId}/drafts/${personId}`, supplier);
    const socket = await openSocket(supplier);
    const removedNotice = new Promise<{ reason: string }>((resolve) => socket.once('participant-removed', resolve));
    return { personId, wall, draft, socket, removedNotice };
  }

  it('removing a participant closes their websockets and socket.io within a second, and refuses them after', async () => {
    const { personId, wall, draft, socket, removedNotice } = await connectEverywhere();
    const officerWall = await connectProvider(server.url, `${boardId}/wall`, officer);
    providers.push(officerWall);
    const started = Date.now();
    expectStatus(await officer.post(`/api/boards/${boardId}/participants/${personId}/remove`, {}), 200);
    const [wallClosed, draftClosed] = await Promise.all([wall.closed, draft.closed]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(wallClosed.code).toBe(4410);
    expect(draftClosed.code).toBe(4410);
    expect((await removedNotice).reason).toMatch(/removed/);
    await waitFor(() => !socket.connected, { timeoutMs: 1_000, what: 'socket.io disconnected' });

    const again = await connectRaw(server.url, `${boardId}/wall`, supplier);
    expect((await again.closed).code).toBe(4401);
    expectError(await supplier.get(`/api/boards/${boardId}`), 401, 'unauthenticated');
    await expect(openSocket(supplier)).rejects.toThrow();
  });

  it('revoking the link they joined by ends their access the same way', async () => {
    const { wall, draft } = await connectEverywhere();
    expectStatus(await officer.post(`/api/boards/${boardId}/invite-links/${linkId}/revoke`, {}), 200);
    expect((await wall.closed).code).toBe(4410);
    expect((await draft.closed).code).toBe(4410);
    const again = await connectRaw(server.url, `${boardId}/brief`, supplier);
    expect((await again.closed).code).toBe(4401);
  });

  it('a removed participant’s presence disappears for everyone at once', async () => {
    const personId = await supplierPersonId();
    const watcher = await connectProvider(server.url, `${boardId}/wall`, officer);
    const victim = await connectProvider(server.url, `${boardId}/wall`, supplier);
    providers.push(watcher, victim);
    victim.provider.awareness.setLocalState({ typing: null });
    const isShown = () =>
      [...watcher.provider.awareness.getStates().values()].some((state) => (state as { user?: { id?: string } }).user?.id === personId);
    await waitFor(isShown, { what: 'the supplier shown as present' });
    expectStatus(await officer.post(`/api/boards/${boardId}/participants/${personId}/remove`, {}), 200);
    await waitFor(() => !isShown(), { timeoutMs: 1_000, what: 'the supplier gone from presence' });
  });

  it('officers see who was refused and by which rule, never what they sent', async () => {
    const personId = await supplierPersonId();
    const brief = await connectRaw(server.url, `${boardId}/brief`, supplier);
    const { Doc, encodeStateAsUpdate } = await import('yjs');
    const hostile = new Doc();
    hostile.getMap('meta').set('phase', 'secret words');
    brief.sendUpdate(encodeStateAsUpdate(hostile));
    expect((await brief.closed).code).toBe(4403);
    await waitFor(async () => {
      const listed = await officer.get(`/api/boards/${boardId}/participants`);
      const me = listed.body.participants.find((participant: { id: string }) => participant.id === personId);
      return me?.refusals?.some((refusal: { rule: string; count: number }) => refusal.rule === 'read-only-write' && refusal.count === 1);
    }, { what: 'the refusal counted' });
    const listed = await officer.get(`/api/boards/${boardId}/participants`);
    expect(listed.text).not.toContain('secret words');
    expectError(await supplier.get(`/api/boards/${boardId}/participants`), 403, 'forbidden');
  });
});
