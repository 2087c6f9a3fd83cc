/**
 * The built client (dist/client), for tests that read the build output. `npm test` builds first; when a
 * single test file is run by hand, this runs `vite build` (a few seconds) if the build is missing or older
 * than any source in client/ or shared/ (or vite.config.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const CLIENT_DIR = path.resolve('dist/client');
export const CLIENT_MANIFEST = path.join(CLIENT_DIR, '.vite/manifest.json');

function newestMtimeMs(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) newest = Math.max(newest, newestMtimeMs(path.join(target, entry.name)));
  return newest;
}

/** Makes sure dist/client (with its manifest) exists and is not older than its sources; returns CLIENT_DIR. */
export function ensureBuiltClient(): string {
  const newestSource = Math.max(newestMtimeMs(path.resolve('client')), newestMtimeMs(path.resolve('shared')), newestMtimeMs(path.resolve('vite.config.ts')));
  if (existsSync(CLIENT_MANIFEST) && statSync(CLIENT_MANIFEST).mtimeMs >= newestSource) return CLIENT_DIR;
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build'], { stdio: 'pipe' });
  return CLIENT_DIR;
}
