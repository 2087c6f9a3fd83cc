/**
 * Published in the open (issue 13): when an officer publishes a closed board, a dated public page appears
 * at /record/<boardId>, with CSV and JSON downloads under the Open Government Licence; the pipeline lists
 * the council's engagements as a page, an Atom feed (parsed with a real feed parser) and JSON. No session
 * needed, strict CSP, cacheable — and not one byte of a hidden item, a confidential idea, an email, a name
 * or an organisation, in any encoding.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedRecord } from '../../server/published/publicRecord.js';
import type { RecordEntry } from '../../server/record/recordEntry.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { PIPELINE_DETAILS, playEngagement, PUBLIC_TEXTS, secretNeedles, type PublishedBoard } from './publishedBoard.js';
import { createBoard, expectError, expectStatus } from './scenario.js';

let server: TestServer;
let board: PublishedBoard;

/** A public GET, as a stranger's browser makes it: no cookie at all. */
async function publicGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer; text: string }> {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

const PUBLIC_PATHS = (boardId: string) => [
  `/record/${boardId}`,
  `/record/${boardId}/record.json`,
  `/record/${boardId}/record.csv`,
  '/pipeline',
  '/pipeline.atom',
  '/pipeline.json',
  '/take-part',
  '/check-record',
];

describe('[#13.published] the published record and the open pipeline', () => {
  beforeAll(async () => {
    server = await startTestServer();
    board = await playEngagement(server);
  }, 60_000);

  afterAll(async () => {
    await board?.disposables.disposeAll();
    await server?.remove();
  });

  it('[#13.published] no public page or download holds a hidden item, a confidential idea, an email, a name or an organisation, in any encoding', async () => {
    const needles = secretNeedles();
    // The search can find them: the officers' own export of the same board names people and shows the hidden note.
    const officersExport = (await board.officer.get(`/api/boards/${board.boardId}/export/json`)).text;
    expect(needles.filter((needle) => officersExport.includes(needle)).length).toBeGreaterThan(5);
    for (const path of PUBLIC_PATHS(board.boardId)) {
      const response = await publicGet(path);
      expect(response.status, path).toBe(200);
      // The raw bytes, and the bytes read as Latin-1 and UTF-16 (a mis-declared encoding must not reveal them either).
      const forms = [response.bytes.toString('utf8'), response.bytes.toString('latin1'), response.bytes.toString('utf16le')];
      for (const needle of needles) for (const form of forms) expect(form.includes(needle), `${path} holds ${JSON.stringify(needle)}`).toBe(false);
      expect(response.text, `${path} holds something shaped like an email`).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
    }
  });

  it('[#13.published] the record page shows the board as published: problems, stages, shared ideas with votes, comments, the date and the final hash', async () => {
    const page = await publicGet(`/record/${board.boardId}`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const text of [PUBLIC_TEXTS.anaNoteEdited, PUBLIC_TEXTS.benNote, PUBLIC_TEXTS.officerNote, PUBLIC_TEXTS.comment, 'Repairs need second visits', 'Booking a visit', 'Reporting a repair']) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toContain('Participant 1');
    expect(page.text).toContain('The council');
    expect(page.text).toContain('2 votes');
    expect(page.text).toContain('Open Government Licence v3.0');
    expect(page.text).toMatch(/Published \d{1,2} \w+ \d{4}/);
    // The final hash is the record log's entry for the publication itself.
    const log = (await board.officer.get(`/api/boards/${board.boardId}/record-log`)).text.trimEnd().split('\n').map((line) => JSON.parse(line) as RecordEntry);
    const publication = log.find((entry) => entry.kind === 'phase.changed' && entry.data.to === 'published');
    expect(publication).toBeDefined();
    expect(page.text).toContain(publication?.hash);
    expect(page.text).toContain(`entry ${publication?.seq}`);
  });

  it('[#13.published] public pages need no session, are cacheable, and carry a strict CSP with no script at all', async () => {
    for (const path of PUBLIC_PATHS(board.boardId)) {
      const response = await publicGet(path);
      expect(response.headers.get('set-cookie'), path).toBeNull();
      const cacheControl = response.headers.get('cache-control') ?? '';
      expect(cacheControl, path).toMatch(/^public, max-age=\d+$/);
      const etag = response.headers.get('etag');
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      const again = await publicGet(path, { 'if-none-match': etag ?? '' });
      expect(again.status, path).toBe(304);
      expect(again.bytes.length).toBe(0);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/^default-src 'none'/);
      expect(csp, path).not.toMatch(/script-src|unsafe-inline|unsafe-eval|\*/);
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        expect(csp).toContain("style-src 'self'");
        expect(csp).toContain("form-action 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(response.text).not.toMatch(/<script|\son\w+=|javascript:/i);
      }
    }
  });

  it('[#13.published] the JSON and CSV downloads carry the record and the Open Government Licence', async () => {
    const json = await publicGet(`/record/${board.boardId}/record.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('link')).toContain('rel="license"');
    const published = JSON.parse(json.text) as PublishedRecord;
    expect(published).toMatchObject({
      schema: 'open-ideas-wall/published-record',
      version: 1,
      licence: { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
      record: { board: { id: board.boardId, phase: 'published' } },
    });
    expect(published.finalHash?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.record.notes.map((note) => note.text).sort()).toEqual([PUBLIC_TEXTS.anaNoteEdited, PUBLIC_TEXTS.benNote, PUBLIC_TEXTS.officerNote].sort());
    expect(published.record.notes.every((note) => !note.isHidden && note.authorOrganisation === '')).toBe(true);

    const csv = await publicGet(`/record/${board.boardId}/record.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?published-record-/);
    const rows = parse(csv.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0] ?? {})).not.toContain('Organisation');
    expect(Object.keys(rows[0] ?? {})).not.toContain('Hidden');
    for (const row of rows) expect(row.Licence).toContain('Open Government Licence v3.0');
    expect(rows.find((row) => row.Text === PUBLIC_TEXTS.officerNote)).toMatchObject({ Author: 'The council', Votes: '2' });
  });

  it('[#13.published] the pipeline lists the engagement with its details and record, as a page, JSON and a valid Atom feed', async () => {
    const page = await publicGet('/pipeline');
    for (const text of ['Future of library services', PIPELINE_DETAILS.serviceArea, 'Discovery', PIPELINE_DETAILS.howToTakePart, `/record/${board.boardId}`, '2 November 2026 to 18 December 2026']) {
      expect(page.text).toContain(text);
    }
    const json = JSON.parse((await publicGet('/pipeline.json')).text) as { licence: { name: string }; engagements: Array<Record<string, unknown>> };
    expect(json.licence.name).toBe('Open Government Licence v3.0');
    expect(json.engagements).toEqual([
      expect.objectContaining({ id: board.boardId, serviceArea: 'Housing repairs', stage: 'discovery', timing: 'past', startsOn: '2026-11-02', endsOn: '2026-12-18', recordPath: `/record/${board.boardId}` }),
    ]);
    // Who took part, counts only, once the record is published: the page, the JSON and the feed say it alike.
    const reach = json.engagements[0]?.reach as { participants: number; smes: number; firstTime: number };
    expect(reach).toEqual({ participants: expect.any(Number), smes: expect.any(Number), firstTime: expect.any(Number) });
    expect(reach.participants).toBeGreaterThan(0);
    const tookPart = `${reach.participants} supplier${reach.participants === 1 ? '' : 's'} took part: ${reach.smes} small or medium-sized (SMEs)`;
    expect(page.text).toContain(tookPart);

    const atom = await publicGet('/pipeline.atom');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(atom.text);
    expect(feed.meta.type).toBe('atom');
    expect(feed.title).toBe('The council’s early market engagement pipeline');
    expect(feed.updated).toBeInstanceOf(Date);
    expect(feed.self).toBe(`${server.config.publicUrl}/pipeline.atom`);
    expect(feed.url).toBe(`${server.config.publicUrl}/pipeline`);
    expect(feed.authors.map((author) => author.name)).toEqual(['The council']);
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    expect(item?.id).toBe(`${server.config.publicUrl}/pipeline/${board.boardId}`);
    expect(item?.title).toBe('Future of library services');
    expect(item?.updated).toBeInstanceOf(Date);
    expect(item?.url).toBe(`${server.config.publicUrl}/record/${board.boardId}`);
    expect(item?.description).toContain('Service area: Housing repairs');
    expect(item?.description).toContain(tookPart);
    // RFC 4287's required elements, read from the XML itself (a parser may fill gaps).
    for (const element of ['<id>', '<title>', '<updated>', '<author>', 'rel="self"', 'rel="alternate"', '<summary type="text">']) expect(atom.text).toContain(element);
  });

  it('[#13.published] a board not listed stays out of the pipeline, and a board not published has no record page', async () => {
    const { board: other } = await createBoard(board.officer, { title: 'Unlisted board', summary: 'Not for the pipeline.', notice: 'A notice.' });
    expect((await publicGet('/pipeline.json')).text).not.toContain(other.id);
    const missing = await publicGet(`/record/${other.id}`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('There is no published record at this address');
    expect(missing.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect((await publicGet('/record/..%2F..%2Fetc')).status).toBe(404);
    expect((await publicGet(`/record/${other.id}/record.json`)).status).toBe(404);
  });

  it('[#13.published] officers set the pipeline details; bad values get a 400 naming the field', async () => {
    const bad = [
      { projectStage: 'gamma' },
      { startsOn: '2027-02-30' },
      { endsOn: 'next week' },
      { listedInPipeline: 'yes' },
      { serviceArea: 'x'.repeat(101) },
      { howToTakePart: 'y'.repeat(1001) },
      { serviceArea: 'two\nlines' },
    ];
    for (const body of bad) {
      const response = await board.officer.patch(`/api/boards/${board.boardId}`, body);
      expectError(response, 400, 'invalid-input');
    }
    expectError(await board.ana.patch(`/api/boards/${board.boardId}`, { serviceArea: 'Hijack' }), 403, 'forbidden');
    const ok = await board.officer.patch(`/api/boards/${board.boardId}`, { serviceArea: 'Housing', projectStage: 'alpha' });
    expectStatus(ok, 200);
    expect(ok.body.board.pipeline).toEqual({ ...{ listed: true, startsOn: '2026-11-02', endsOn: '2026-12-18', howToTakePart: PIPELINE_DETAILS.howToTakePart }, serviceArea: 'Housing', stage: 'alpha' });
  });
});
