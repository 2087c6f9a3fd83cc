/**
 * CPU and memory of another process, read from /proc (Linux): utime+stime from /proc/<pid>/stat, VmRSS
 * and VmHWM (peak RSS) from /proc/<pid>/status. Sampled on a timer so a run reports CPU % over its
 * measured window and the peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sharedNow } from './protocol.js';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  // reason: 100 is the Linux default when getconf is missing
}

/** CPU seconds (user + system) the process has used so far, or null once it has gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** Resident and peak resident memory in MiB, or null once the process has gone. */
export function memoryMiB(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Bytes the process wrote through write syscalls (sockets included) and how many such calls, from /proc/<pid>/io. */
export function ioWritten(pid: number): { bytes: number; calls: number } | null {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(io)?.[1] ?? Number.NaN);
    const bytes = field('wchar');
    const calls = field('syscw');
    return Number.isFinite(bytes) && Number.isFinite(calls) ? { bytes, calls } : null;
  } catch {
    return null;
  }
}

export interface ProcessWindowStats {
  /** Average CPU over the window, in % of one core. */
  cpuPercent: number | null;
  /** Highest CPU over any one sample interval in the window, in % of one core. */
  cpuPeakPercent: number | null;
  /** Peak RSS seen in samples during the window, MiB. */
  rssPeakMiB: number | null;
  /** RSS at the end of the window, MiB. */
  rssEndMiB: number | null;
  /** The kernel's peak RSS of the whole process life (VmHWM), MiB. */
  hwmMiB: number | null;
  /** Bytes the process wrote (sockets and files) per second over the window, and write syscalls per second. */
  writtenBytesPerSecond: number | null;
  writeCallsPerSecond: number | null;
}

/** Samples a process every `intervalMs`; `window()` marks the measured window. */
export class ProcessSampler {
  private timer: NodeJS.Timeout | null = null;
  private samples: Array<{ at: number; cpu: number; rss: number; written: number | null; calls: number | null }> = [];
  private windowStart = 0;
  private windowEnd = Number.POSITIVE_INFINITY;

  constructor(
    readonly pid: number,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  markStart(): void {
    this.sample();
    this.windowStart = sharedNow();
  }

  markEnd(): void {
    this.sample();
    this.windowEnd = sharedNow();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  sample(): void {
    const cpu = cpuSeconds(this.pid);
    const memory = memoryMiB(this.pid);
    if (cpu === null || memory === null) return;
    const io = ioWritten(this.pid);
    this.samples.push({ at: sharedNow(), cpu, rss: memory.rss, written: io?.bytes ?? null, calls: io?.calls ?? null });
  }

  stats(): ProcessWindowStats {
    const inWindow = this.samples.filter((sample) => sample.at >= this.windowStart - 1 && sample.at <= this.windowEnd + 1);
    const first = inWindow[0];
    const last = inWindow[inWindow.length - 1];
    let cpuPeak: number | null = null;
    for (let index = 1; index < inWindow.length; index += 1) {
      const previous = inWindow[index - 1]!; // reason: index starts at 1
      const current = inWindow[index]!; // reason: index is in range
      const seconds = (current.at - previous.at) / 1000;
      if (seconds <= 0.05) continue;
      const percent = ((current.cpu - previous.cpu) / seconds) * 100;
      cpuPeak = cpuPeak === null ? percent : Math.max(cpuPeak, percent);
    }
    const memory = memoryMiB(this.pid);
    const seconds = first && last ? (last.at - first.at) / 1000 : 0;
    const perSecond = (from: number | null | undefined, to: number | null | undefined) =>
      from === null || from === undefined || to === null || to === undefined || seconds <= 0 ? null : (to - from) / seconds;
    return {
      writtenBytesPerSecond: perSecond(first?.written, last?.written),
      writeCallsPerSecond: perSecond(first?.calls, last?.calls),
      cpuPercent: first && last && last.at > first.at ? ((last.cpu - first.cpu) / ((last.at - first.at) / 1000)) * 100 : null,
      cpuPeakPercent: cpuPeak,
      rssPeakMiB: inWindow.length > 0 ? Math.max(...inWindow.map((sample) => sample.rss)) : null,
      rssEndMiB: last?.rss ?? null,
      hwmMiB: memory?.hwm ?? null,
    };
  }
}

/**
 * Several processes as one (the instances of a scale-out run): CPU, memory and bytes written summed. The
 * peak is the sum of each one's peak, an upper bound (their busiest moments need not coincide).
 */
export function sumProcessStats(list: readonly ProcessWindowStats[]): ProcessWindowStats {
  const sum = (pick: (stats: ProcessWindowStats) => number | null): number | null =>
    list.length === 0 || list.some((stats) => pick(stats) === null) ? null : list.reduce((total, stats) => total + (pick(stats) ?? 0), 0);
  return {
    cpuPercent: sum((stats) => stats.cpuPercent),
    cpuPeakPercent: sum((stats) => stats.cpuPeakPercent),
    rssPeakMiB: sum((stats) => stats.rssPeakMiB),
    rssEndMiB: sum((stats) => stats.rssEndMiB),
    hwmMiB: sum((stats) => stats.hwmMiB),
    writtenBytesPerSecond: sum((stats) => stats.writtenBytesPerSecond),
    writeCallsPerSecond: sum((stats) => stats.writeCallsPerSecond),
  };
}

/** Busy and total CPU time of the whole machine so far, in seconds (all cores), from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values;
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { busy: (total - idle - iowait) / ticksPerSecond, total: total / ticksPerSecond };
  } catch {
    return null;
  }
}

/** How busy the machine is over `ms`, in % of one core (200 % = both cores of a 2-core machine). */
export async function machineBusyPercent(ms = 1_000): Promise<number | null> {
  const before = machineCpuSeconds();
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineCpuSeconds();
  if (!before || !after) return null;
  return ((after.busy - before.busy) / ((Date.now() - started) / 1000)) * 100;
}

/**
 * Waits (up to `maxMs`) until the rest of the machine is quiet (under `thresholdPercent` of one core),
 * so other work (a test suite, a build) does not skew a run. Returns the last reading.
 */
export async function waitForQuietMachine(maxMs: number, thresholdPercent = 25, log?: (line: string) => void): Promise<number | null> {
  const deadline = Date.now() + maxMs;
  let busy = await machineBusyPercent();
  let told = false;
  while (busy !== null && busy > thresholdPercent && Date.now() < deadline) {
    if (!told) log?.(`  waiting for the machine to be quiet (other work uses ${busy.toFixed(0)} % of a core)…`);
    told = true;
    busy = await machineBusyPercent(2_000);
  }
  return busy;
}
