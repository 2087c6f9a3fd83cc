/**
 * A load worker: a child process (forked by the harness with tsx) that runs a share of the simulated
 * participants and answers the harness over IPC. Everything it measures it keeps locally (latency
 * histograms, counters) and sends only summaries back.
 */
import type { Flavour, ReceiveCounters } from './protocol.js';
import { addCounters, emptyCounters, sharedNow } from './protocol.js';
import { SimClient, type ClientSnapshot, type ClientSpec } from './simClient.js';
import { Histogram, type SparseHistogram } from './stats.js';

export type ToWorker =
  | {
      type: 'init';
      flavour: Flavour;
      baseUrl: string;
      boardId: string;
      targetIds: string[];
      clients: ClientSpec[];
      noteChars: number;
      /** Ours: after this many notes a client edits its own notes in turn instead of adding more (soak). */
      maxNotesPerClient?: number;
      connectConcurrency: number;
      connectTimeoutMs: number;
    }
  | { type: 'start'; t0: number; warmUpMs?: number; sendEnd: number; inRunUntil: number; noteEveryMs: number; presenceEveryMs: number; totalClients: number }
  | { type: 'progress' }
  | { type: 'final'; expected: { notesCount: number; stateVector: string; notesDigest: string; briefStateVector: string | null } | null }
  | { type: 'close' };

export type FromWorker =
  | { type: 'connected'; clients: number; failures: string[]; connectMs: number }
  | { type: 'progress'; delivered: number; notesSent: number; cpuSeconds: number }
  | {
      type: 'final';
      notesSent: number;
      warmUpNotesSent: number;
      delivered: number;
      deliveredInRun: number;
      noteLatency: SparseHistogram;
      laterNoteLatency: SparseHistogram;
      presenceLatency: SparseHistogram;
      /** Presence states received (entries, not messages), of which summaries (our big-board mode). */
      presenceReceived: number;
      summariesReceived: number;
      measured: ReceiveCounters;
      total: ReceiveCounters;
      /** Bytes received in the measured window, per client (for the distribution). */
      measuredBytesPerClient: number[];
      converged: number;
      openAtEnd: number;
      mismatches: Array<ClientSnapshot & { why: string }>;
      cpuSeconds: number;
    };

const clients: SimClient[] = [];
const noteLatency = new Histogram();
/** Every note but each writer's first (which meets a server's first-time work and cold code). */
const laterNoteLatency = new Histogram();
const presenceLatency = new Histogram();
let delivered = 0;
let deliveredInRun = 0;
let presenceReceived = 0;
let summariesReceived = 0;
let measuring = false;
let t0 = Number.POSITIVE_INFINITY;
let inRunUntil = Number.POSITIVE_INFINITY;

function send(message: FromWorker): void {
  process.send?.(message);
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  const started = sharedNow();
  const context = {
    flavour: message.flavour,
    baseUrl: message.baseUrl,
    boardId: message.boardId,
    targetIds: message.targetIds,
    noteChars: message.noteChars,
    maxNotesPerClient: message.maxNotesPerClient,
    isMeasuring: () => measuring,
    onNoteArrived: (_writer: number, seq: number, sentAt: number, arrivedAt: number) => {
      if (sentAt < t0) return;
      delivered += 1;
      if (arrivedAt <= inRunUntil) deliveredInRun += 1;
      noteLatency.record(arrivedAt - sentAt);
      if (seq > 0) laterNoteLatency.record(arrivedAt - sentAt);
    },
    onPresenceArrived: (sentAt: number | null, arrivedAt: number) => {
      // Counted in the measured window (t0 until the end of sending); ages of every state sent after t0.
      if (measuring) {
        presenceReceived += 1;
        if (sentAt === null) summariesReceived += 1;
      }
      if (sentAt !== null && sentAt >= t0) presenceLatency.record(arrivedAt - sentAt);
    },
  };
  const failures: string[] = [];
  let next = 0;
  const connector = async () => {
    for (;;) {
      const spec = message.clients[next];
      next += 1;
      if (!spec) return;
      const client = new SimClient(spec, context);
      clients.push(client);
      try {
        await client.connect(message.connectTimeoutMs);
      } catch (error) {
        failures.push(`client ${spec.index}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: message.connectConcurrency }, () => connector()));
  send({ type: 'connected', clients: clients.length, failures, connectMs: sharedNow() - started });
}

function start(message: Extract<ToWorker, { type: 'start' }>): void {
  t0 = message.t0;
  inRunUntil = message.inRunUntil;
  // The window during which received messages and bytes are counted.
  setTimeout(() => (measuring = true), Math.max(0, message.t0 - sharedNow()));
  setTimeout(() => (measuring = false), Math.max(0, message.sendEnd - sharedNow()));
  for (const client of clients) {
    // Spread clients evenly over the intervals, deterministically by index.
    const spread = (client.spec.index + 0.5) / message.totalClients;
    client.schedule({
      t0: message.t0,
      warmUpMs: message.warmUpMs,
      sendEnd: message.sendEnd,
      noteEveryMs: message.noteEveryMs,
      presenceEveryMs: message.presenceEveryMs,
      // Presence clocks count ms from a minute before t0: positive, growing, and the same for every worker.
      presenceEpoch: message.t0 - 60_000,
      noteOffsetMs: spread * message.noteEveryMs,
      presenceOffsetMs: ((spread * 7.3) % 1) * message.presenceEveryMs,
    });
  }
}

function final(message: Extract<ToWorker, { type: 'final' }>): void {
  const measured = emptyCounters();
  const total = emptyCounters();
  const measuredBytesPerClient: number[] = [];
  const mismatches: Array<ClientSnapshot & { why: string }> = [];
  let converged = 0;
  let openAtEnd = 0;
  for (const client of clients) {
    const clientMeasured = client.counters('measured');
    addCounters(measured, clientMeasured);
    addCounters(total, client.counters('total'));
    measuredBytesPerClient.push(clientMeasured.bytes);
    const snapshot = client.snapshot();
    if (snapshot.open) openAtEnd += 1;
    const why: string[] = [];
    if (message.expected === null) why.push('the server’s copy could not be read');
    else if (snapshot.notesCount !== message.expected.notesCount) why.push(`notes ${snapshot.notesCount} ≠ ${message.expected.notesCount}`);
    if (message.expected !== null) {
      if (snapshot.stateVector !== message.expected.stateVector) why.push('state vector differs');
      if (snapshot.notesDigest !== message.expected.notesDigest) why.push('notes differ');
      if (message.expected.briefStateVector !== null && snapshot.briefStateVector !== message.expected.briefStateVector) why.push('brief differs');
    }
    if (why.length === 0) converged += 1;
    else if (mismatches.length < 5) mismatches.push({ ...snapshot, why: why.join('; ') });
  }
  send({
    type: 'final',
    notesSent: clients.reduce((sum, client) => sum + client.notesSent, 0),
    warmUpNotesSent: clients.reduce((sum, client) => sum + client.warmUpNotesSent, 0),
    delivered,
    deliveredInRun,
    noteLatency: noteLatency.toSparse(),
    laterNoteLatency: laterNoteLatency.toSparse(),
    presenceLatency: presenceLatency.toSparse(),
    presenceReceived,
    summariesReceived,
    measured,
    total,
    measuredBytesPerClient,
    converged,
    openAtEnd,
    mismatches,
    cpuSeconds: cpuSeconds(),
  });
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'init':
      void init(message);
      return;
    case 'start':
      return start(message);
    case 'progress':
      return send({ type: 'progress', delivered, notesSent: clients.reduce((sum, client) => sum + client.notesSent, 0), cpuSeconds: cpuSeconds() });
    case 'final':
      return final(message);
    case 'close':
      for (const client of clients) client.close();
      setTimeout(() => process.exit(0), 100);
      return;
  }
});

// The harness going away ends the worker too: nothing is left running.
process.on('disconnect', () => process.exit(0));
