/**
 * One live board document in the browser: a Y.Doc, its IndexedDB cache and its y-websocket provider,
 * and what the server's close codes mean for them (see `shared/protocol/closeCodes.ts`).
 *
 * - The cache is named `oiw:<epoch>:<room>`, so a reload while offline keeps the author's waiting notes
 *   and the last wall seen, and a copy from another epoch is never mixed with the server's.
 * - The provider's socket opens at once, but the provider hears of it only once the cache (and, on a first
 *   visit, the snapshot) has loaded (`gatedWebSocket.ts`): its first sync then carries the cached state,
 *   instead of sending cached updates before the handshake (which the server answers with 4409).
 * - `disableBc: true`: the cross-tab channel would pass updates between tabs without the server.
 * - Close codes: 'stop' codes end the connection for good; 4403 drops the cache and loads afresh
 *   (the server's copy is the truth); everything else reconnects with backoff.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, closeCodeFor } from '../../shared/protocol/closeCodes.js';
import { gatedWebSocket } from './gatedWebSocket.js';

/** How a document's connection stands, as the UI shows it. */
export type LinkStatus = 'connecting' | 'online' | 'offline' | 'stopped';

/** Why a document stopped for good. */
export type StopReason = 'unauthenticated' | 'removed' | 'unknown-room' | 'refused' | 'not-open-yet';

/** A problem worth telling the person about while the connection carries on. */
export type LinkProblem = 'too-large' | 'not-saved' | 'too-many-tabs' | 'server-busy' | null;

export interface LiveDocumentSnapshot {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Bumped each time the document is replaced by a fresh one (after 4403). */
  generation: number;
  status: LinkStatus;
  /** The cache has been read (or could not be): the document shows what this device last saw. */
  hasLoaded: boolean;
  /** The document has synced with the server at least once since it was (re)created. */
  hasSynced: boolean;
  stopReason: StopReason | null;
  problem: LinkProblem;
}

export interface LiveDocumentOptions {
  serverUrl: string;
  room: string;
  epoch: string;
  /** Only the wall connection carries presence; the others send no awareness at all. */
  carriesPresence: boolean;
  /**
   * The document's content by a cheaper route than the websocket (compressed over HTTP, ADR 0008), read
   * before connecting when this device has no copy; null when it cannot be had (then the websocket sends it).
   */
  firstContent?: () => Promise<Uint8Array | null>;
}

/** Origin of content applied from `firstContent`, so it can be told apart from the provider's. */
const FIRST_CONTENT_ORIGIN = 'first-content';

/** How long a dropped or slow connection shows "Connecting…" before it counts as offline, in ms. */
export const OFFLINE_GRACE_MS = 3_000;
/** Longest wait for the IndexedDB cache before connecting anyway, in ms. */
const CACHE_WAIT_MS = 2_000;
/** Ask the server for its state this often, in ms: an idle connection must receive something within
 * the provider's 30 s watchdog, and brief and draft connections get no presence echoes. */
const RESYNC_INTERVAL_MS = 20_000;
/** Upper bound of the provider's reconnect backoff, in ms (a room of phones must not hammer a restarting server). */
const MAX_BACKOFF_MS = 10_000;
/** A second 4403 within this time of loading afresh stops instead of looping, in ms. */
const RELOAD_FRESH_COOLDOWN_MS = 30_000;

const STOP_REASONS: Partial<Record<number, StopReason>> = {
  [CLOSE_CODES.unauthenticated.code]: 'unauthenticated',
  [CLOSE_CODES.removed.code]: 'removed',
  [CLOSE_CODES.unknownRoom.code]: 'unknown-room',
  [CLOSE_CODES.policy.code]: 'refused',
  // The board is in draft: the page shows "not open yet" and opens the documents again when it opens.
  [CLOSE_CODES.notOpenYet.code]: 'not-open-yet',
};

/** The y-websocket endpoint on this page's host. */
export function yjsServerUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

/** Name of the IndexedDB cache of one room in one epoch. */
export function cacheName(epoch: string, room: string): string {
  return `oiw:${epoch}:${room}`;
}

/** True when the provider should reconnect after the server closed with `code`. */
export function shouldReconnectAfter(code: number): boolean {
  const action = closeCodeFor(code)?.clientAction ?? 'reconnect';
  return action === 'reconnect' || action === 'resync';
}

interface Parts {
  doc: Y.Doc;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence | null;
}

export class LiveDocument {
  private parts: Parts;
  private snapshot: LiveDocumentSnapshot;
  private readonly listeners = new Set<() => void>();
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private freshSince = 0;
  private isDestroyed = false;

  constructor(private readonly options: LiveDocumentOptions) {
    this.parts = this.open();
    this.snapshot = this.initialSnapshot(0);
    void dropOtherEpochs(options.room, options.epoch);
    // The browser knows at once when the network goes; a websocket can take 30 s to notice.
    window.addEventListener('offline', this.handleBrowserOffline);
    window.addEventListener('online', this.handleBrowserOnline);
  }

  /** Says so at once; the socket itself is left to fail (closing it here races the browser's own close). */
  private readonly handleBrowserOffline = (): void => {
    if (this.isDestroyed || this.snapshot.status === 'stopped') return;
    this.clearGrace();
    this.update({ status: 'offline' });
  };

  private readonly handleBrowserOnline = (): void => {
    if (this.isDestroyed || this.snapshot.status === 'stopped' || !this.snapshot.hasLoaded) return;
    const { provider } = this.parts;
    if (provider.wsconnected) return this.update({ status: 'online' });
    this.update({ status: 'connecting' });
    this.startGrace();
    // Reconnect now rather than at the end of the provider's backoff.
    provider.disconnect();
    provider.connect();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveDocumentSnapshot => this.snapshot;

  destroy(): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    window.removeEventListener('offline', this.handleBrowserOffline);
    window.removeEventListener('online', this.handleBrowserOnline);
    this.clearGrace();
    this.close(this.parts);
    this.listeners.clear();
  }

  private initialSnapshot(generation: number): LiveDocumentSnapshot {
    const { doc, provider } = this.parts;
    return { doc, provider, generation, status: 'connecting', hasLoaded: false, hasSynced: false, stopReason: null, problem: null };
  }

  private update(changes: Partial<LiveDocumentSnapshot>): void {
    if (this.isDestroyed) return;
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of this.listeners) listener();
  }

  private open(): Parts {
    const { serverUrl, room, epoch, carriesPresence } = this.options;
    const doc = new Y.Doc();
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const provider = new WebsocketProvider(serverUrl, room, doc, {
      connect: false,
      WebSocketPolyfill: gatedWebSocket(gate),
      disableBc: true,
      resyncInterval: RESYNC_INTERVAL_MS,
      maxBackoffTime: MAX_BACKOFF_MS,
      shouldReconnect: (event) => shouldReconnectAfter(event.code),
    });
    // Presence travels on the wall connection only; elsewhere a null state is never sent.
    provider.awareness.setLocalState(carriesPresence ? { typing: null } : null);
    const persistence = openCache(cacheName(epoch, room), doc);
    const parts: Parts = { doc, provider, persistence };
    provider.on('status', ({ status }) => this.isCurrent(parts) && this.handleStatus(status));
    provider.on('sync', (isSynced) => this.isCurrent(parts) && isSynced && this.update({ hasSynced: true, problem: null }));
    provider.on('connection-close', (event) => this.isCurrent(parts) && event !== null && this.handleClose(event));
    this.startGrace();
    // The handshake starts now and overlaps reading the cache and the first content; the provider hears of
    // the open (and sends what the copy holds) only once they are in the document (the gate).
    if (navigator.onLine) provider.connect();
    void waitForCache(persistence)
      .then(async () => {
        if (!this.isCurrent(parts)) return;
        if (!navigator.onLine) return this.update({ hasLoaded: true, status: 'offline' });
        await this.loadFirstContent(parts);
        openGate();
        if (this.isCurrent(parts)) this.update({ hasLoaded: true });
      })
      .finally(openGate);
    return parts;
  }

  /**
   * A device with no copy (the cache was empty) reads the document by `firstContent` first: the provider's
   * sync step 1 then names what it holds, and the server sends only what changed since. Only on the first
   * open: after a 4403 the server's copy differs from ours, and the websocket alone is the safe way back.
   */
  private async loadFirstContent(parts: Parts): Promise<void> {
    const { firstContent } = this.options;
    if (!firstContent || this.snapshot.generation > 0 || parts.doc.store.clients.size > 0) return;
    // A slow download is not "offline": the grace period starts again once it is done.
    this.clearGrace();
    const content = await firstContent();
    if (!this.isCurrent(parts)) return;
    this.startGrace();
    if (content === null) return;
    try {
      Y.applyUpdate(parts.doc, content, FIRST_CONTENT_ORIGIN);
    } catch (error) {
      // Not a Yjs update after all: the websocket sends the document as usual.
      console.error('Could not read the board as sent', error);
    }
  }

  private isCurrent(parts: Parts): boolean {
    return !this.isDestroyed && this.parts === parts;
  }

  private handleStatus(status: 'connected' | 'disconnected' | 'connecting'): void {
    if (this.snapshot.status === 'stopped') return;
    if (status === 'connected') {
      if (!navigator.onLine) return;
      if (this.options.carriesPresence) refreshPresenceClocks(this.parts.provider.awareness);
      this.clearGrace();
      this.update({ status: 'online' });
      return;
    }
    if (this.snapshot.status === 'online') {
      this.update({ status: navigator.onLine ? 'connecting' : 'offline' });
      if (navigator.onLine) this.startGrace();
    }
  }

  private handleClose(event: CloseEvent): void {
    const stopReason = STOP_REASONS[event.code];
    if (stopReason !== undefined) return this.stop(stopReason);
    if (event.code === CLOSE_CODES.tooLarge.code) this.update({ problem: 'too-large' });
    // 4507: the server cannot store changes now. Ours stay in the document and its cache; the provider
    // reconnects with backoff and its sync sends them again. A completed sync clears the problem.
    if (event.code === CLOSE_CODES.cannotStore.code) this.update({ problem: 'not-saved' });
    // 4430 / 4503: this session holds too many connections, or the server is full. The provider retries with
    // backoff (it may work once another tab closes); say what is going on meanwhile.
    if (event.code === CLOSE_CODES.tooManyConnections.code) this.update({ problem: 'too-many-tabs' });
    if (event.code === CLOSE_CODES.serverBusy.code) this.update({ problem: 'server-busy' });
    if (event.code !== CLOSE_CODES.forbidden.code) return;
    // 4403: our copy of a read-only document differs from the server's. Twice in a row means the
    // document is not ours to open at all (the server also refuses unknown drafts with 4403): stop.
    if (Date.now() - this.freshSince < RELOAD_FRESH_COOLDOWN_MS && !this.snapshot.hasSynced) return this.stop('refused');
    // Not from inside the provider's own close handler: replace the parts once it has returned.
    setTimeout(() => void this.reloadFresh(), 0);
  }

  private stop(reason: StopReason): void {
    this.clearGrace();
    this.parts.provider.disconnect();
    this.update({ status: 'stopped', stopReason: reason });
  }

  private async reloadFresh(): Promise<void> {
    if (this.isDestroyed) return;
    const old = this.parts;
    old.provider.destroy();
    await old.persistence?.clearData().catch((error: unknown) => console.error('Could not clear the cached document', error));
    old.doc.destroy();
    if (this.isDestroyed) return;
    this.freshSince = Date.now();
    this.parts = this.open();
    this.snapshot = this.initialSnapshot(this.snapshot.generation + 1);
    for (const listener of this.listeners) listener();
  }

  private close(parts: Parts): void {
    parts.provider.destroy();
    void parts.persistence?.destroy();
    parts.doc.destroy();
  }

  private startGrace(): void {
    if (this.graceTimer !== null) return;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      if (this.snapshot.status === 'connecting') this.update({ status: 'offline' });
    }, OFFLINE_GRACE_MS);
  }

  private clearGrace(): void {
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }
}

/**
 * Presence after a reconnect. y-protocols applies a state only when its clock is newer than the last one
 * seen; the server stamps the clocks it sends (from its own clock, so they only grow, also across a
 * restart). Forgetting the clocks of people whose states we no longer hold costs nothing and keeps a state
 * from before a long outage from hiding a fresh one; moving our own clock on is harmless (the server
 * ignores clients' clocks) and kept for servers of the previous version during a rolling deploy.
 */
export function refreshPresenceClocks(awareness: Awareness): void {
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId);
  }
  const state = awareness.getLocalState();
  const meta = awareness.meta.get(awareness.clientID);
  if (state === null || meta === undefined) return;
  meta.clock += 1;
  awareness.setLocalState({ ...state });
}

/** The cache, or null where IndexedDB is unavailable (some private modes): the document still works online. */
function openCache(name: string, doc: Y.Doc): IndexeddbPersistence | null {
  if (typeof indexedDB === 'undefined') return null;
  try {
    return new IndexeddbPersistence(name, doc);
  } catch (error) {
    console.error('Could not open the offline cache', error);
    return null;
  }
}

function waitForCache(persistence: IndexeddbPersistence | null): Promise<void> {
  if (persistence === null) return Promise.resolve();
  const loaded = persistence.whenSynced.then(
    () => undefined,
    (error: unknown) => console.error('Could not read the offline cache', error),
  );
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, CACHE_WAIT_MS));
  return Promise.race([loaded, timeout]);
}

/** Deletes this room's caches from other epochs (best effort: `indexedDB.databases` is not everywhere). */
async function dropOtherEpochs(room: string, epoch: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  try {
    const keep = cacheName(epoch, room);
    for (const { name } of await indexedDB.databases()) {
      if (name !== undefined && name !== keep && name.startsWith('oiw:') && name.endsWith(`:${room}`)) {
        indexedDB.deleteDatabase(name);
      }
    }
  } catch (error) {
    console.error('Could not tidy old offline caches', error);
  }
}
