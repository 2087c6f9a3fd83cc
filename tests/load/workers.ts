/** Forks load workers (tsx child processes) and talks to them over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinProcess } from './cpuPlacement.js';
import type { FromWorker, ToWorker } from './worker.js';

const WORKER_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

/**
 * The workers' garbage collector, set for what they are: 500 simulated browsers in one heap, growing to
 * 2 GB at N = 1,000, on a machine whose cores the server under test needs too. V8's default parallel
 * collector ran its helper threads on those cores, and its small young generation made the workers spend
 * 35 % of their time collecting (BENCHMARKS.md, 2026-12-05). One collector thread and a 64 MB semi-space
 * cut that, for every server in the run alike: a browser has a heap and a machine of its own.
 * LOAD_WORKER_FLAGS replaces these ('' for V8's defaults).
 */
const DEFAULT_WORKER_FLAGS = '--single-threaded-gc --max-semi-space-size=64';

function workerFlags(): string[] {
  const flags = (process.env.LOAD_WORKER_FLAGS ?? DEFAULT_WORKER_FLAGS).split(' ').filter(Boolean);
  // LOAD_WORKER_PROFILE_DIR=dir writes each worker's CPU profile there (where the clients' time goes).
  const dir = process.env.LOAD_WORKER_PROFILE_DIR;
  return dir ? [...flags, '--cpu-prof', '--cpu-prof-dir', dir] : flags;
}

export class LoadWorker {
  readonly child: ChildProcess;
  private readonly waiting = new Map<string, Array<(message: FromWorker) => void>>();
  private exitError: Error | null = null;
  /** The cores it was pinned to, or null when it runs on any (`cpuPlacement.ts`). */
  readonly cpus: string | null;

  constructor(
    readonly id: number,
    cpus?: string,
  ) {
    this.child = fork(WORKER_PATH, [], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=6144', ...workerFlags()],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.cpus = cpus !== undefined && this.child.pid !== undefined && pinProcess(this.child.pid, cpus) ? cpus : null;
    this.child.on('message', (message: FromWorker) => {
      const queue = this.waiting.get(message.type);
      const resolve = queue?.shift();
      resolve?.(message);
    });
    this.child.on('exit', (code, signal) => {
      this.exitError = new Error(`load worker ${id} exited (${code ?? signal})`);
      for (const queue of this.waiting.values()) queue.length = 0;
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  send(message: ToWorker): void {
    if (this.child.connected) this.child.send(message);
  }

  /** Sends `message` and waits for the worker's answer of type `answer`. */
  async ask<T extends FromWorker['type']>(message: ToWorker, answer: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>> {
    if (this.exitError) throw this.exitError;
    const reply = new Promise<FromWorker>((resolve) => {
      const queue = this.waiting.get(answer) ?? [];
      queue.push(resolve);
      this.waiting.set(answer, queue);
    });
    this.send(message);
    let timer: NodeJS.Timeout | undefined;
    try {
      return (await Promise.race([
        reply,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`load worker ${this.id} did not answer '${message.type}' within ${timeoutMs} ms`)), timeoutMs);
        }),
      ])) as Extract<FromWorker, { type: T }>;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Splits items round-robin into `count` groups. */
export function splitRoundRobin<T>(items: readonly T[], count: number): T[][] {
  const groups: T[][] = Array.from({ length: count }, () => []);
  items.forEach((item, index) => groups[index % count]!.push(item)); // reason: index % count is in range
  return groups;
}
