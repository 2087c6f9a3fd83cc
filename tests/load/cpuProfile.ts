/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and says where the time went: self time by function
 * and file, time by area (our server code, shared code, yjs, ws, SQLite, GC, idle…), and inclusive time
 * of our own functions. Optionally only the samples inside a window given in CLOCK_MONOTONIC
 * microseconds (`process.hrtime.bigint() / 1000n` in any process on the machine: the profile's clock).
 *
 *   npx tsx tests/load/cpuProfile.ts bench/results/profiles/<file>.cpuprofile [--from µs --to µs] [--top 25]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  file: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  /** Time covered by the samples used, ms. */
  totalMs: number;
  /** Time not idle (what the process spent on its one JS thread), ms. */
  busyMs: number;
  topSelf: ProfileEntry[];
  byArea: ProfileEntry[];
  /** Each area (module) with its own top self-time functions: "where the time goes", grouped by module. */
  byAreaTopFunctions: Array<ProfileEntry & { functions: ProfileEntry[] }>;
  /** Inclusive time of functions in our code (dist/server, dist/shared). */
  topInclusiveOurs: ProfileEntry[];
}

/** A short, stable name for a script URL: `server/rooms/Presence.js`, `yjs`, `node:internal/…`. */
export function shortFile(url: string): string {
  if (!url) return '';
  const clean = url.replace(/^file:\/\//, '');
  const nodeModules = clean.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) {
    const rest = clean.slice(nodeModules + '/node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    return `${pkg}/${rest.slice(rest[0]?.startsWith('@') ? 2 : 1).join('/')}`;
  }
  const dist = clean.lastIndexOf('/dist/');
  if (dist >= 0) return clean.slice(dist + '/dist/'.length);
  return clean;
}

/** Which part of the stack a file belongs to. */
export function areaOf(name: string, url: string): string {
  if (name === '(idle)') return '(idle)';
  if (name === '(garbage collector)') return '(garbage collector)';
  if (name === '(program)') return '(program: native, not JS)';
  const file = shortFile(url);
  if (file.startsWith('server/')) return 'our server code (dist/server)';
  if (file.startsWith('shared/')) return 'our shared code (dist/shared)';
  if (file.startsWith('yjs/')) return 'yjs';
  if (file.startsWith('lib0/')) return 'lib0';
  if (file.startsWith('y-protocols/')) return 'y-protocols';
  if (file.startsWith('ws/')) return 'ws';
  if (file.startsWith('better-sqlite3/')) return 'better-sqlite3 (SQLite)';
  if (file.startsWith('pino') || file.startsWith('sonic-boom')) return 'logging (pino)';
  if (file.startsWith('express') || file.startsWith('router') || file.startsWith('body-parser')) return 'express';
  if (file.startsWith('zod/')) return 'zod';
  if (file.startsWith('socket.io') || file.startsWith('engine.io')) return 'socket.io';
  if (file.startsWith('@hocuspocus/')) return 'hocuspocus';
  if (file.startsWith('@y/websocket-server')) return 'y-websocket-server';
  if (file.startsWith('node:')) return 'node internals';
  if (file === '') return `native: ${name || '(anonymous)'}`;
  return file.split('/')[0] ?? file;
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** Summarises a profile, optionally only samples with from ≤ t ≤ to (µs, the profile's clock). */
export function summariseProfile(profile: CpuProfile, options: { from?: number; to?: number; top?: number } = {}): ProfileSummary {
  const top = options.top ?? 25;
  const byId = new Map<number, ProfileNode>();
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) byId.set(node.id, node);
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const self = new Map<string, { name: string; file: string; area: string; us: number }>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, { name: string; file: string; us: number }>();
  let totalUs = 0;
  let idleUs = 0;
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    time += profile.timeDeltas[index] ?? 0;
    // A sample lasts until the next one.
    const duration = profile.timeDeltas[index + 1] ?? 0;
    if (options.from !== undefined && time < options.from) continue;
    if (options.to !== undefined && time > options.to) break;
    const node = byId.get(profile.samples[index] ?? -1);
    if (!node) continue;
    const { functionName, url } = node.callFrame;
    const name = functionName || '(anonymous)';
    const file = shortFile(url);
    totalUs += duration;
    if (name === '(idle)') idleUs += duration;
    const key = `${name}\u0000${file}`;
    const area = areaOf(name, url);
    const entry = self.get(key) ?? { name, file, area, us: 0 };
    entry.us += duration;
    self.set(key, entry);
    areas.set(area, (areas.get(area) ?? 0) + duration);
    // Inclusive time of our own functions: each distinct function on the stack once.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame) break;
      const frameFile = shortFile(frame.url);
      if (!frameFile.startsWith('server/') && !frameFile.startsWith('shared/')) continue;
      const frameKey = `${frame.functionName || '(anonymous)'}\u0000${frameFile}`;
      if (seen.has(frameKey)) continue;
      seen.add(frameKey);
      const total = inclusive.get(frameKey) ?? { name: frame.functionName || '(anonymous)', file: frameFile, us: 0 };
      total.us += duration;
      inclusive.set(frameKey, total);
    }
  }
  const busyUs = totalUs - idleUs;
  const entry = (name: string, file: string, us: number): ProfileEntry => ({
    name,
    file,
    ms: Math.round(us / 100) / 10,
    percent: busyUs > 0 ? Math.round((us / busyUs) * 1000) / 10 : 0,
  });
  return {
    totalMs: Math.round(totalUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    topSelf: [...self.values()]
      .filter((value) => value.name !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((value) => entry(value.name, value.file, value.us)),
    byArea: [...areas.entries()]
      .filter(([area]) => area !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => entry(area, '', us)),
    byAreaTopFunctions: [...areas.entries()]
      .filter(([area]) => area !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => ({
        ...entry(area, '', us),
        functions: [...self.values()]
          .filter((value) => value.area === area)
          .sort((a, b) => b.us - a.us)
          .slice(0, 4)
          .map((value) => entry(value.name, value.file, value.us)),
      })),
    topInclusiveOurs: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((value) => entry(value.name, value.file, value.us)),
  };
}

/**
 * Time spent under frames that match `categories` (nearest matching frame to the sample wins), ms per
 * category. A key is a function name, or `name@file` where `file` is a part of the script's path.
 * Samples under no matching frame count as `other busy` (or `idle`).
 */
export function inclusiveByNames(profile: CpuProfile, categories: Record<string, string>, window: { from?: number; to?: number } = {}): Record<string, number> {
  const byName = new Map<string, Array<{ file: string | null; category: string }>>();
  for (const [key, category] of Object.entries(categories)) {
    const [name = '', file = null] = key.split('@');
    const list = byName.get(name) ?? [];
    list.push({ file, category });
    byName.set(name, list);
  }
  const categoryOf = (frame: ProfileNode['callFrame']): string | null => {
    for (const candidate of byName.get(frame.functionName) ?? []) {
      if (candidate.file === null || frame.url.includes(candidate.file)) return candidate.category;
    }
    return null;
  };
  const byId = new Map<number, ProfileNode>();
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) byId.set(node.id, node);
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const totals: Record<string, number> = {};
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    time += profile.timeDeltas[index] ?? 0;
    const duration = profile.timeDeltas[index + 1] ?? 0;
    if (window.from !== undefined && time < window.from) continue;
    if (window.to !== undefined && time > window.to) break;
    let found: string | null = null;
    for (let id: number | undefined = profile.samples[index]; id !== undefined && found === null; id = parentOf.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (frame) found = categoryOf(frame);
    }
    const leaf = byId.get(profile.samples[index] ?? -1)?.callFrame.functionName;
    const category = found ?? (leaf === '(idle)' ? 'idle' : 'other busy');
    totals[category] = (totals[category] ?? 0) + duration / 1000;
  }
  return totals;
}

/** The profile's clock now: CLOCK_MONOTONIC in µs. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function printSummary(summary: ProfileSummary): void {
  const line = (entry: ProfileEntry) => `  ${entry.ms.toFixed(1).padStart(9)} ms ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}${entry.file ? `  (${entry.file})` : ''}`;
  process.stdout.write(`covered ${summary.totalMs} ms, busy ${summary.busyMs} ms (percentages are of busy time)\n`);
  process.stdout.write('\nby area (self time), with its top functions:\n');
  for (const area of summary.byAreaTopFunctions) {
    process.stdout.write(`${line(area)}\n`);
    area.functions.forEach((entry) => process.stdout.write(`    ${line(entry)}\n`));
  }
  process.stdout.write('\ntop self time by function:\n');
  summary.topSelf.forEach((entry) => process.stdout.write(`${line(entry)}\n`));
  process.stdout.write('\ntop inclusive time of our functions:\n');
  summary.topInclusiveOurs.forEach((entry) => process.stdout.write(`${line(entry)}\n`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--') && !/^\d+$/.test(arg));
  if (!file) {
    process.stderr.write('usage: npx tsx tests/load/cpuProfile.ts <file.cpuprofile> [--from µs] [--to µs] [--top n]\n');
    process.exit(2);
  }
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : undefined;
  };
  printSummary(summariseProfile(readProfile(file), { from: option('--from'), to: option('--to'), top: option('--top') }));
}
