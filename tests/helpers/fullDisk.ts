/**
 * A really full disk for tests: a small tmpfs mounted in a temp dir, filled until no byte is left.
 * Mounting needs root (this sandbox may; elsewhere tests skip with `describe.skipIf(!canMountTmpfs())`).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Mounts a tmpfs of `size` (e.g. '3m') on a new temp dir; null when this machine may not mount one. */
export function mountTmpfs(size: string): string | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'oiw-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

/** Unmounts a tmpfs from `mountTmpfs` and removes its dir. */
export function unmount(dir: string): void {
  execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  rmSync(dir, { recursive: true, force: true });
}

let mountable: boolean | undefined;

/** True when this machine lets the tests mount a tmpfs (tried once, with a tiny one). */
export function canMountTmpfs(): boolean {
  if (mountable === undefined) {
    const dir = mountTmpfs('64k');
    if (dir) unmount(dir);
    mountable = dir !== null;
  }
  return mountable;
}

/** Fills the file system holding `file` (written as one file) until it has no byte left. */
export function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full. Single bytes fill the last partial block too.
    try {
      for (;;) writeSync(fd, chunk.subarray(0, 1));
    } catch {
      // really full now
    }
  } finally {
    closeSync(fd);
  }
}
