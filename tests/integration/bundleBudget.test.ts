/**
 * Phones served light (issue 15): a supplier scanning the QR code at a venue downloads only what the
 * home page and the join form need, at most 100 kB of compressed JavaScript; the wall, the officers'
 * pages and the forms' schemas (zod) load on demand. A size check on the build output (Vite's manifest
 * and the brotli copies the build writes), never a timing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR, CLIENT_MANIFEST, ensureBuiltClient } from '../helpers/builtClient.js';

/** The budget for the first download of the home and join pages: compressed JavaScript, in bytes. */
const FIRST_DOWNLOAD_BUDGET_BYTES = 100_000;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The entry chunk and every chunk it imports statically: what the browser must fetch before the first page shows. */
function firstDownload(manifest: Manifest): ManifestChunk[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit('index.html');
  return [...seen].map((key) => manifest[key]!); // reason: every key came from the manifest
}

/** The source files bundled into a chunk, from its source map (paths relative to the repository). */
function sourcesOf(chunk: ManifestChunk): string[] {
  const mapFile = path.join(CLIENT_DIR, `${chunk.file}.map`);
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] };
  return map.sources.map((source) => path.relative(process.cwd(), path.resolve(path.dirname(mapFile), source)).split(path.sep).join('/'));
}

/** vite.config.ts compresses files of at least this many bytes (smaller ones cost more in headers than they save). */
const PRECOMPRESS_MIN_BYTES = 1024;

describe('[#15.phones] the first download of the home and join pages', () => {
  let manifest: Manifest;
  let chunks: ManifestChunk[];

  beforeAll(() => {
    ensureBuiltClient();
    manifest = JSON.parse(readFileSync(CLIENT_MANIFEST, 'utf8')) as Manifest;
    chunks = firstDownload(manifest);
  }, 120_000);

  it('[#15.phones] is at most 100 kB of brotli-compressed JavaScript (the copies the server sends)', () => {
    let brotli = 0;
    let gzip = 0;
    for (const chunk of chunks) {
      const file = path.join(CLIENT_DIR, chunk.file);
      const raw = readFileSync(file);
      // The build writes the copy the server and nginx send as they are (vite.config.ts, precompress);
      // a file under its threshold is sent as it is, so its own bytes count.
      if (raw.byteLength < PRECOMPRESS_MIN_BYTES) {
        brotli += raw.byteLength;
        gzip += raw.byteLength;
        continue;
      }
      expect(existsSync(`${file}.br`), `${chunk.file}.br`).toBe(true);
      expect(existsSync(`${file}.gz`), `${chunk.file}.gz`).toBe(true);
      brotli += readFileSync(`${file}.br`).byteLength;
      gzip += gzipSync(readFileSync(file), { level: 9 }).byteLength;
    }
    console.info(`home and join pages, first download: ${chunks.length} JavaScript file(s), ${brotli} bytes brotli, ${gzip} bytes gzip`);
    expect(brotli).toBeGreaterThan(0);
    expect(brotli).toBeLessThanOrEqual(FIRST_DOWNLOAD_BUDGET_BYTES);
  });

  it('[#15.phones] holds the home page and the join form, and neither the wall, the officers’ pages nor zod’s schemas', () => {
    const sources = chunks.flatMap(sourcesOf);
    expect(sources).toContain('client/pages/HomePage.tsx');
    expect(sources).toContain('client/pages/JoinPage.tsx');
    expect(sources).toContain('client/components/JoinForm.tsx');
    for (const page of ['BoardPage', 'BoardsPage', 'BoardSettingsPage', 'NewBoardPage', 'InviteScreenPage', 'SignInPage']) {
      expect(sources).not.toContain(`client/pages/${page}.tsx`);
      // …and each of them is a chunk of its own, loaded on demand.
      expect(manifest[`pages/${page}.tsx`]?.isDynamicEntry, page).toBe(true);
    }
    expect(sources.filter((source) => /node_modules\/(yjs|socket\.io-client|y-protocols|qrcode)\//.test(source))).toEqual([]);
    expect(sources).not.toContain('shared/protocol/api.ts');
    expect(sources.filter((source) => source.includes('node_modules/zod/v4/classic/'))).toEqual([]);
  });
});
