/**
 * The crash tests run the built server (`node dist/server/main.js`) as a child process. `npm test`
 * builds first; when a single test file is run by hand, this rebuilds the server half (tsc only, a few
 * seconds) if any server or shared source is newer than the build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ENTRY = path.resolve('dist/server/main.js');

function newestSourceMtimeMs(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtimeMs(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Makes sure dist/server/main.js exists and is not older than server/ and shared/; returns its path. */
export function ensureBuiltServer(): string {
  const newestSource = Math.max(newestSourceMtimeMs(path.resolve('server')), newestSourceMtimeMs(path.resolve('shared')));
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newestSource) return ENTRY;
  try {
    execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json'], { stdio: 'pipe' });
  } catch (error) {
    // tsc still emits JavaScript when it reports type errors; only a missing entry point is fatal.
    if (!existsSync(ENTRY)) throw new Error(`Building the server failed and ${ENTRY} is missing: ${String(error)}`);
  }
  return ENTRY;
}
