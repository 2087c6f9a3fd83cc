/**
 * Vite plugin: writes the app shell's service worker (client/serviceWorker/appShellWorker.js) into the
 * build as /sw.js, preceded by its VERSION (a hash of index.html and the hashed files' names, so every
 * release gets a new worker and a fresh cache) and PRECACHE (the files to keep for an offline reload).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** What a page may need offline: code, styles, fonts and images (not source maps or compressed copies). */
const SHELL_FILE = /\.(js|css|svg|png|woff2?)$/;
export const WORKER_FILE_NAME = 'sw.js';

function filesUnder(dir: string, urlPrefix: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (!name.startsWith('.')) found.push(...filesUnder(file, `${urlPrefix}${name}/`));
    } else if (SHELL_FILE.test(name) && name !== WORKER_FILE_NAME) {
      found.push(`${urlPrefix}${name}`);
    }
  }
  return found;
}

export function appShellWorker(): Plugin {
  let outDir = '';
  let workerSource = '';
  return {
    name: 'open-ideas-wall:app-shell-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      workerSource = path.resolve(config.root, 'serviceWorker/appShellWorker.js');
    },
    // Before the precompress plugin's closeBundle (plugins run in order), so sw.js gets its copies too.
    closeBundle() {
      const precache = filesUnder(outDir, '/').sort();
      const version = createHash('sha256')
        .update(readFileSync(path.join(outDir, 'index.html')))
        .update(precache.join('\n'))
        .digest('hex')
        .slice(0, 16);
      const header = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(precache)};\n`;
      writeFileSync(path.join(outDir, WORKER_FILE_NAME), header + readFileSync(workerSource, 'utf8'));
    },
  };
}
