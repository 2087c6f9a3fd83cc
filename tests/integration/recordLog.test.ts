/**
 * The record nobody can rewrite (issue 13): a whole engagement's record log, downloaded by an officer,
 * verifies with `npm run verify-record` and on the public "Check a record" page; changing, removing or
 * reordering any one entry makes both fail and name that entry. Only the board's officers download it,
 * and it holds nothing confidential: no email, no name, no confidential idea.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type RecordEntry } from '../../server/record/recordEntry.js';
import { verifyRecordLog } from '../../server/record/verifyRecordLog.js';
import { entryHash } from '../../server/record/recordHash.js';
import { newBrowserClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { playEngagement, PUBLIC_TEXTS, SECRETS, type PublishedBoard } from './publishedBoard.js';
import { expectError, expectStatus } from './scenario.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the real CLI (`npm run verify-record` runs exactly this) on a file; exit code and output. */
async function verifyWithCli(text: string, ...args: string[]): Promise<{ code: number; output: string }> {
  const file = path.join(dir, `log-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, text);
  try {
    const { stdout, stderr } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/record/cli.ts', file, ...args], { cwd: ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** Posts a log to the public page like its plain HTML form does (no JavaScript, no session). */
async function verifyOnPage(text: string, finalHash = ''): Promise<string> {
  const response = await fetch(`${server.url}/check-record`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ log: text, finalHash }).toString(),
  });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/&#39;/g, "'");
}

let server: TestServer;
let board: PublishedBoard;
let dir: string;
let logText: string;
let lines: string[];

describe('[#13.record] the hash-chained record log', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'oiw-record-'));
    server = await startTestServer();
    board = await playEngagement(server);
    const response = await board.officer.get(`/api/boards/${board.boardId}/record-log`);
    expectStatus(response, 200);
    expect(response.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?future-of-library-services-record-log-\d{4}-\d\d-\d\d\.jsonl"?$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    logText = response.text;
    lines = logText.trimEnd().split('\n');
  }, 60_000);

  afterAll(async () => {
    await board?.disposables.disposeAll();
    await server?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('[#13.record] records every accepted change, in order, each chained to the one before', () => {
    const entries = lines.map((line) => JSON.parse(line) as RecordEntry);
    expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, index) => index + 1));
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    for (const [index, entry] of entries.entries()) {
      expect(entry.hash).toBe(entryHash(entry));
      if (index > 0) expect(entry.prevHash).toBe(entries[index - 1]?.hash);
      expect(entry.board).toBe(board.boardId);
    }
    const kinds = new Set(entries.map((entry) => entry.kind));
    expect(entries.find((entry) => entry.kind === 'setting.changed')).toMatchObject({ who: { role: 'officer' }, data: { setting: 'voting', value: { budget: 3, scope: 'organisation', hideUntilClosed: false } } });
    for (const kind of ['setting.changed', 'board.details-changed', 'note.published', 'note.edited', 'note.unpublished', 'comment.published', 'moderation.hidden', 'tally.changed', 'phase.changed']) {
      expect(kinds, kind).toContain(kind);
    }
    const edited = entries.find((entry) => entry.kind === 'note.edited');
    expect(edited).toMatchObject({ who: { id: board.anaId, role: 'participant' }, data: { text: PUBLIC_TEXTS.anaNoteEdited } });
    expect(entries.find((entry) => entry.kind === 'moderation.hidden')).toMatchObject({ who: { role: 'officer' }, data: { item: 'note', reason: 'personal-data' } });
    expect(entries.filter((entry) => entry.kind === 'phase.changed').map((entry) => entry.data.to)).toEqual(['voting', 'closed', 'published']);
    expect(entries.find((entry) => entry.kind === 'tally.changed' && entry.data.votes === 2)?.who).toEqual({ id: 'server', role: 'server' });
    // Server time, in order.
    const times = entries.map((entry) => Date.parse(entry.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('[#13.record] holds no email, no name or organisation, no confidential idea and no moderator’s free text', () => {
    for (const secret of [...SECRETS.emails, ...SECRETS.names, ...SECRETS.organisations, SECRETS.confidentialNote, 'Confidential pricing', 'It gives a phone number']) {
      expect(logText, secret).not.toContain(secret);
      expect(logText, secret).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    expect(logText).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  });

  it('[#13.record] the whole log verifies with npm run verify-record and on the public page, with its final hash', async () => {
    const last = JSON.parse(lines.at(-1) ?? '{}') as RecordEntry;
    const cli = await verifyWithCli(logText);
    expect(cli.code, cli.output).toBe(0);
    expect(cli.output).toContain('OK');
    expect(cli.output).toContain(last.hash);
    expect((await verifyWithCli(logText, '--final-hash', last.hash)).code).toBe(0);
    const page = await verifyOnPage(logText, last.hash);
    expect(page).toContain('The record log checks out');
    expect(page).toContain(last.hash);
  });

  const middle = () => Math.floor(lines.length / 2);

  it('[#13.record] changing one entry fails and names that entry', async () => {
    for (const index of [0, middle(), lines.length - 1]) {
      const entry = JSON.parse(lines[index] ?? '') as RecordEntry;
      const changed = [...lines];
      changed[index] = JSON.stringify({ ...entry, at: new Date(Date.parse(entry.at) + 1000).toISOString() });
      const text = changed.join('\n');
      expect(verifyRecordLog(text)).toMatchObject({ ok: false, seq: entry.seq, line: index + 1 });
      const cli = await verifyWithCli(text);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`entry ${entry.seq} (line ${index + 1})`);
      expect(await verifyOnPage(text)).toContain(`entry ${entry.seq} (line ${index + 1})`);
    }
    // Changed content with a recomputed hash: the NEXT entry no longer chains to it.
    const index = middle();
    const entry = JSON.parse(lines[index] ?? '') as RecordEntry;
    const forged = { ...entry, kind: 'note.unpublished' };
    const rewritten = [...lines];
    rewritten[index] = JSON.stringify({ ...forged, hash: entryHash(forged) });
    expect(verifyRecordLog(rewritten.join('\n'))).toMatchObject({ ok: false, seq: entry.seq + 1, line: index + 2 });
  });

  it('[#13.record] removing one entry fails and names the entry where the gap is', async () => {
    for (const index of [0, middle()]) {
      const removed = lines.filter((_, at) => at !== index).join('\n');
      expect(verifyRecordLog(removed)).toMatchObject({ ok: false, seq: index + 2, line: index + 1 });
      const cli = await verifyWithCli(removed);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`entry ${index + 2} (line ${index + 1})`);
      expect(await verifyOnPage(removed)).toContain(`entry ${index + 2} (line ${index + 1})`);
    }
    // Removing the LAST entry keeps a valid chain: the published final hash is what catches it.
    const last = JSON.parse(lines.at(-1) ?? '{}') as RecordEntry;
    const truncated = lines.slice(0, -1).join('\n');
    expect(verifyRecordLog(truncated).ok).toBe(true);
    expect(verifyRecordLog(truncated, last.hash).ok).toBe(false);
    expect((await verifyWithCli(truncated, '--final-hash', last.hash)).code).toBe(1);
    expect(await verifyOnPage(truncated, last.hash)).toContain('does not match');
  });

  it('[#13.record] reordering two entries fails and names the first one out of place', async () => {
    const index = middle();
    const swapped = [...lines];
    [swapped[index], swapped[index + 1]] = [swapped[index + 1] ?? '', swapped[index] ?? ''];
    const text = swapped.join('\n');
    const moved = JSON.parse(swapped[index] ?? '') as RecordEntry;
    expect(verifyRecordLog(text)).toMatchObject({ ok: false, seq: moved.seq, line: index + 1 });
    const cli = await verifyWithCli(text);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`entry ${moved.seq} (line ${index + 1})`);
    expect(await verifyOnPage(text)).toContain(`entry ${moved.seq} (line ${index + 1})`);
  });

  it('[#13.record] the public page checks an uploaded log file (a plain multipart form, no JavaScript)', async () => {
    const upload = async (text: string) => {
      const form = new FormData();
      form.set('logFile', new Blob([text], { type: 'application/jsonl' }), 'record-log.jsonl');
      form.set('log', '');
      form.set('finalHash', '');
      const response = await fetch(`${server.url}/check-record`, { method: 'POST', body: form });
      expect(response.status).toBe(200);
      return response.text();
    };
    expect(await upload(logText)).toContain('The record log checks out');
    const removed = lines.filter((_, at) => at !== 2).join('\n');
    expect(await upload(removed)).toContain('entry 4 (line 3)');
    const garbage = await fetch(`${server.url}/check-record`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: 'not multipart at all' });
    expect(garbage.status).toBe(400);
  });

  it('[#13.record] the log also downloads as one JSON array, which verifies the same; an unknown format is refused', async () => {
    const json = await board.officer.get(`/api/boards/${board.boardId}/record-log?format=json`);
    expectStatus(json, 200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((json.body as RecordEntry[]).map((entry) => entry.hash)).toEqual(lines.map((line) => (JSON.parse(line) as RecordEntry).hash));
    expect(verifyRecordLog(json.text)).toMatchObject({ ok: true, entries: lines.length });
    expect((await verifyWithCli(json.text)).code).toBe(0);
    expectError(await board.officer.get(`/api/boards/${board.boardId}/record-log?format=xml`), 400, 'invalid-input');
  });

  it('[#13.record] only the board’s officers download the log', async () => {
    expectError(await board.ana.get(`/api/boards/${board.boardId}/record-log`), 403, 'forbidden');
    const stranger = await newBrowserClient(server.url);
    expect((await stranger.get(`/api/boards/${board.boardId}/record-log`)).status).toBe(401);
    expect((await board.officer.get('/api/boards/not-a-board!/record-log')).status).toBe(400);
  });

  it('[#13.record] bad input to the checker gets a clear answer, never a crash', async () => {
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${server.url}/check-record`, { method: 'POST', headers: { 'content-type': type }, body });
    const empty = await post('log=');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Choose the record log file or paste the log to check');
    const badHash = await post(new URLSearchParams({ log: lines[0] ?? '', finalHash: 'zz' }).toString());
    expect(badHash.status).toBe(400);
    const tooBig = await post(`log=${'a'.repeat(6 * 1024 * 1024)}`);
    expect(tooBig.status).toBe(413);
    const notJson = await verifyOnPage('this is not a log');
    expect(notJson).toContain('line 1');
    const cli = await verifyWithCli('{"v":1}\n');
    expect(cli.code).toBe(1);
    expect((await verifyWithCli('')).code).toBe(1);
  });
});
