/**
 * The export's record builder and its four formats, from a board built in memory (no server): every note
 * lands in the right row with its counts, cluster and hidden flag; CSV parses back with a CSV parser and
 * neutralises formulas; the reports escape everything.
 */
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrief } from '../../shared/schema/brief.js';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import type { WallKey, WallNote } from '../../shared/schema/wall.js';
import { buildBoardRecord, BOARD_EXPORT_VERSION, type BoardRecord, type BoardRecordInput, type ExportPerson } from '../../server/export/boardRecord.js';
import { CSV_COLUMNS, writeCsv } from '../../server/export/csvExport.js';
import { exportFileName } from '../../server/export/exportFormats.js';
import { escapeHtml, renderHtmlReport } from '../../server/export/htmlReport.js';
import { escapeMarkdown, renderMarkdownReport } from '../../server/export/markdownReport.js';
import { readClusters } from '../../server/export/readers/clusters.js';
import { hiddenNotesFromModeration } from '../../server/export/readers/hiddenNotes.js';
import { readPlacements } from '../../server/export/readers/placements.js';
import { readTallies } from '../../server/export/readers/tallies.js';
import { areVotesHidden } from '../../server/export/readers/votingSettings.js';
import { setPhase } from '../../shared/schema/briefMeta.js';
import { readWallComments } from '../../server/export/readers/wallComments.js';

const ANA = 'personAnaLopez000001';
const BEN = 'personBenOkafor00001';
const OFFICER = 'accountPriyaShah0001';
const T0 = Date.UTC(2026, 11, 3, 10, 0, 0);
const TRICKY = '=HYPERLINK("http://evil.example","click"), with "quotes",\nnew lines\r\nand commas';

interface Fixture {
  input: BoardRecordInput;
  problemId: string;
  stageId: string;
  keys: { plain: string; tricky: string; onStage: string; hidden: string; orphan: string };
}

function note(author: string, noteId: string, targetId: string, text: string, minutes: number): [WallKey, WallNote] {
  const createdAt = T0 + minutes * 60_000;
  return [`${author}:${noteId}` as WallKey, { author, noteId, text, colour: 'yellow', targetId, createdAt, updatedAt: createdAt + 1_000 }];
}

/** A board: one problem, one map with a stage, four wall notes (one aimed at a removed stage), one hidden note. */
function fixture(): Fixture {
  const brief = new Y.Doc();
  const problemId = addProblem(brief, { title: 'Repairs need second visits', body: 'Tenants wait <weeks>.' });
  const mapId = addServiceMap(brief, { title: 'Reporting a repair' });
  const stageId = addStage(brief, mapId, { title: 'Booking a visit' })!; // reason: the map was just added
  const clusterId = 'clusterPhotos00000001';
  const clusters = brief.getMap<unknown>('clusters');
  const cluster = new Y.Map<unknown>();
  clusters.set(clusterId, cluster);
  cluster.set('title', 'Photos first');
  cluster.set('targetId', problemId);
  cluster.set('createdAt', T0);
  clusters.set('clusterBroken00000001', 'not a map');
  const wallNotes = new Map([
    note(ANA, 'noteAnaPlain00000001', problemId, 'Let tenants send a photo', 1),
    note(BEN, 'noteBenTricky0000001', problemId, TRICKY, 2),
    note(ANA, 'noteAnaStage00000001', stageId, '+44 call centre @night - open late', 3),
    note(BEN, 'noteBenOrphan0000001', 'stageRemoved00000001', 'A stage that went', 4),
  ]);
  const [plain, tricky, onStage, orphan] = [...wallNotes.keys()] as string[] as [string, string, string, string];
  brief.getMap<unknown>('placements').set(plain, clusterId);
  brief.getMap<unknown>('placements').set('not a key', clusterId);
  const wall = new Y.Doc();
  const tallies = wall.getMap<unknown>('tallies');
  tallies.set(plain, { votes: 3, plusOne: 2, question: 1 });
  tallies.set(tricky, { votes: 1, plusOne: 'lots', doneThis: 4 });
  const comments = wall.getMap<unknown>('comments');
  const commentKey = `${OFFICER}:commentOne0000000001`;
  comments.set(commentKey, { author: OFFICER, commentId: 'commentOne0000000001', noteKey: plain, text: 'Which phones?', createdAt: T0 + 600_000, updatedAt: T0 + 600_000 });
  comments.set(`${ANA}:commentForged00000001`, { author: BEN, commentId: 'commentForged00000001', noteKey: plain, text: 'forged', createdAt: T0, updatedAt: T0 });
  const people = new Map<string, ExportPerson>([
    [ANA, { id: ANA, name: 'Ana Lopez', organisation: 'Fixit Ltd', role: 'participant' }],
    [BEN, { id: BEN, name: 'Ben Okafor', organisation: 'Repairly', role: 'participant' }],
    [OFFICER, { id: OFFICER, name: 'Priya Shah', organisation: 'Council officer', role: 'officer' }],
  ]);
  const hiddenNoteId = 'noteBenHidden0000001';
  const input: BoardRecordInput = {
    board: { id: 'boardRepairs000000001', title: 'Housing repairs: "what next?"', summary: 'A summary', status: 'open', createdAt: T0 },
    brief: readBrief(brief),
    isAnonymous: true,
    wallNotes,
    people,
    clusters: readClusters(brief),
    placements: readPlacements(brief),
    tallies: readTallies(wall),
    comments: readWallComments(wall),
    hiddenNotes: [
      {
        personId: BEN,
        noteId: hiddenNoteId,
        reason: 'personal-data',
        reasonText: 'Names a tenant',
        hiddenAt: T0 + 900_000,
        note: { text: 'Call Mrs Smith at 07700 900123', colour: 'pink', targetId: problemId, createdAt: T0 + 5 * 60_000 },
      },
    ],
    exportedAt: T0 + 3_600_000,
  };
  return { input, problemId, stageId, keys: { plain, tricky, onStage, hidden: `${BEN}:${hiddenNoteId}`, orphan } };
}

async function csvOf(record: BoardRecord): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeCsv(record, output);
  return Buffer.concat(chunks).toString('utf8');
}

describe('the board export record', () => {
  it('[#12.export] has every note on the wall and every hidden note, with authors from the store, clusters, counts and comments', () => {
    const { input, keys } = fixture();
    const record = buildBoardRecord(input);
    expect(record.version).toBe(BOARD_EXPORT_VERSION);
    expect(record.board.isAnonymous).toBe(true);
    expect(record.notes.map((exported) => exported.key)).toEqual([keys.plain, keys.tricky, keys.hidden, keys.onStage, keys.orphan]);
    const byKey = new Map(record.notes.map((exported) => [exported.key, exported]));
    expect(byKey.get(keys.plain)).toMatchObject({
      authorName: 'Ana Lopez',
      authorOrganisation: 'Fixit Ltd',
      targetKind: 'problem',
      targetTitle: 'Repairs need second visits',
      clusterTitle: 'Photos first',
      votes: 3,
      plusOne: 2,
      question: 1,
      doneThis: 0,
      commentCount: 1,
      isHidden: false,
      createdAt: '2026-12-03T10:01:00.000Z',
      updatedAt: '2026-12-03T10:01:01.000Z',
    });
    // A count that is not a whole number reads as 0; a note without a tally has 0 votes.
    // A malformed tally (only the server writes the wall) is ignored whole, as the wall's reader does.
    expect(byKey.get(keys.tricky)).toMatchObject({ votes: 0, plusOne: 0, doneThis: 0, clusterTitle: null });
    expect(byKey.get(keys.onStage)).toMatchObject({ targetKind: 'stage', targetTitle: 'Booking a visit', serviceMapTitle: 'Reporting a repair', votes: 0 });
    expect(byKey.get(keys.orphan)).toMatchObject({ targetKind: 'missing', targetTitle: '' });
    expect(byKey.get(keys.hidden)).toMatchObject({
      isHidden: true,
      hiddenReason: 'personal-data',
      hiddenReasonText: 'Names a tenant',
      hiddenAt: '2026-12-03T10:15:00.000Z',
      text: 'Call Mrs Smith at 07700 900123',
      authorName: 'Ben Okafor',
    });
    // The forged comment (key of one author, record of another) is not read.
    expect(record.comments.map((comment) => comment.text)).toEqual(['Which phones?']);
    expect(record.people.map((person) => person.name)).toEqual(['Ana Lopez', 'Ben Okafor', 'Priya Shah']);
    expect(record.clusters).toEqual([{ id: 'clusterPhotos00000001', title: 'Photos first', targetId: input.brief.problems[0]?.id }]);
  });

  it('[#12.export] marks a note still on the wall as hidden once, and leaves out a hidden note its author made confidential', () => {
    const { input, keys } = fixture();
    const [personId, noteId] = keys.plain.split(':') as [string, string];
    const record = buildBoardRecord({
      ...input,
      hiddenNotes: [
        { personId, noteId, reason: 'duplicate', reasonText: null, hiddenAt: T0, note: null },
        { personId: BEN, noteId: 'noteGoneConfidential1', reason: 'off-topic', reasonText: null, hiddenAt: T0, note: null },
      ],
    });
    expect(record.notes.filter((exported) => exported.key === keys.plain)).toHaveLength(1);
    expect(record.notes.find((exported) => exported.key === keys.plain)?.isHidden).toBe(true);
    expect(record.notes.some((exported) => exported.noteId === 'noteGoneConfidential1')).toBe(false);
  });

  it('[#12.export] a count the wall leaves out is zero, unless the board hides votes until voting closes: then votes are unknown', async () => {
    const { input, keys } = fixture();
    const wall = new Y.Doc();
    wall.getMap<unknown>('tallies').set(keys.onStage, { plusOne: 1 });
    const shown = buildBoardRecord({ ...input, tallies: readTallies(wall) });
    expect(shown.notes.find((exported) => exported.key === keys.onStage)).toMatchObject({ votes: 0, plusOne: 1 });
    const hidden = buildBoardRecord({ ...input, areVotesHidden: true });
    expect(hidden.notes.every((exported) => exported.votes === null)).toBe(true);
    const rows = parse(await csvOf(hidden), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.every((row) => row.Votes === '')).toBe(true);
    expect(renderHtmlReport(hidden)).toContain('votes hidden until voting closes');

    const brief = new Y.Doc();
    brief.getMap<unknown>('meta').set('voting', { budget: 5, scope: 'person', hideUntilClosed: true });
    expect(areVotesHidden(brief, 'open')).toBe(false);
    setPhase(brief, 'voting');
    expect(areVotesHidden(brief, 'voting')).toBe(true);
    expect(areVotesHidden(brief, 'closed')).toBe(false);
    brief.getMap<unknown>('meta').set('voting', { budget: 5, scope: 'person', hideUntilClosed: false });
    expect(areVotesHidden(brief, 'voting')).toBe(false);
  });

  it('[#12.export] reads moderation’s hidden items as hidden notes: notes only, reason and the officer’s words', async () => {
    const source = hiddenNotesFromModeration(async (boardId) => [
      { kind: 'note', key: `${ANA}:noteAnaPlain00000001`, reason: 'off-topic', detail: '  Not about repairs ', at: T0 + 1 },
      { kind: 'comment', key: `${BEN}:commentOne0000000001`, reason: 'offensive', detail: '', at: T0 },
      { kind: 'note', key: 'not-a-wall-key', reason: 'duplicate', detail: '', at: T0 },
      { kind: 'note', key: `${BEN}:noteBenTricky0000001`, reason: 'duplicate', detail: boardId, at: T0 + 2 },
    ]);
    expect(await source.listHiddenNotes('')).toEqual([
      { personId: ANA, noteId: 'noteAnaPlain00000001', reason: 'off-topic', reasonText: 'Not about repairs', hiddenAt: T0 + 1 },
      { personId: BEN, noteId: 'noteBenTricky0000001', reason: 'duplicate', reasonText: null, hiddenAt: T0 + 2 },
    ]);
  });

  it('[#12.export] a placement in a cluster of another problem or stage does not count (as on the wall)', () => {
    const { input, keys } = fixture();
    const placements = new Map(input.placements);
    placements.set(keys.onStage, 'clusterPhotos00000001');
    const record = buildBoardRecord({ ...input, placements });
    expect(record.notes.find((exported) => exported.key === keys.onStage)?.clusterId).toBeNull();
    expect(record.notes.find((exported) => exported.key === keys.plain)?.clusterTitle).toBe('Photos first');
  });

  it('[#12.export] without the parts other features add (no clusters, tallies, comments or moderation) still exports every note', () => {
    const { input } = fixture();
    const record = buildBoardRecord({ board: input.board, brief: input.brief, isAnonymous: false, wallNotes: input.wallNotes, people: input.people, exportedAt: T0 });
    expect(record.notes).toHaveLength(4);
    expect(record.notes.every((exported) => exported.votes === 0 && exported.clusterId === null && !exported.isHidden)).toBe(true);
  });
});

describe('the CSV export', () => {
  it('[#12.export] parses back with a CSV parser, one row per note, matching the board', async () => {
    const { input, keys } = fixture();
    const record = buildBoardRecord(input);
    const text = await csvOf(record);
    const rows = parse(text, { bom: true, columns: true, relax_column_count: false }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(record.notes.length);
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    const byKey = new Map(rows.map((row) => [row['Note key'], row]));
    expect(byKey.get(keys.plain)).toMatchObject({
      'Problem or stage': 'Repairs need second visits',
      Type: 'Problem',
      Cluster: 'Photos first',
      Author: 'Ana Lopez',
      Organisation: 'Fixit Ltd',
      Votes: '3',
      'Plus one': '2',
      Question: '1',
      'We have done this': '0',
      Comments: '1',
      Created: '2026-12-03T10:01:00.000Z',
      'Last edited': '2026-12-03T10:01:01.000Z',
      Hidden: 'No',
      Text: 'Let tenants send a photo',
    });
    expect(byKey.get(keys.hidden)).toMatchObject({ Hidden: 'Yes', 'Hidden reason': 'Personal data: Names a tenant' });
    expect(byKey.get(keys.onStage)).toMatchObject({ Type: 'Stage', 'Service map': 'Reporting a repair', 'Problem or stage': 'Booking a visit' });
  });

  it('[#12.export] keeps commas, quotes and new lines in one cell and neutralises a leading = + - @ with an apostrophe', async () => {
    const { input, keys } = fixture();
    const text = await csvOf(buildBoardRecord(input));
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    const byKey = new Map(rows.map((row) => [row['Note key'], row]));
    // The only change is the apostrophe: the rest of the text round-trips exactly.
    expect(byKey.get(keys.tricky)?.Text).toBe(`'${TRICKY}`);
    expect(byKey.get(keys.onStage)?.Text).toBe(`'+44 call centre @night - open late`);
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    }
  });

  it('[#12.export] neutralises every formula start, also in names, organisations and titles', async () => {
    const { input } = fixture();
    const starts = ['=', '+', '-', '@', '\t', '\r', '\uFF1D'];
    const people = new Map(input.people);
    people.set(ANA, { id: ANA, name: '@SUM(1+1)', organisation: '-2+3', role: 'participant' });
    const wallNotes = new Map([...input.wallNotes].map(([key, value], index) => [key, { ...value, text: `${starts[index % starts.length]}cmd|' /C calc'!A0` }]));
    const text = await csvOf(buildBoardRecord({ ...input, people, wallNotes }));
    const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r\uFF1D]/);
    }
    expect(rows.find((row) => row.Author?.includes('SUM'))?.Author).toBe(`'@SUM(1+1)`);
  });
});

describe('the readable reports', () => {
  it('[#12.export] HTML escapes every text from the board and runs no script', () => {
    const { input } = fixture();
    const attack = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const people = new Map(input.people);
    people.set(ANA, { id: ANA, name: attack, organisation: '"><b>org</b>', role: 'participant' });
    const wallNotes = new Map([...input.wallNotes].map(([key, value]) => [key, { ...value, text: `${attack} & more` }]));
    const html = renderHtmlReport(buildBoardRecord({ ...input, people, wallNotes, board: { ...input.board, title: attack } }));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>org');
    expect(html).toContain(escapeHtml(attack));
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
    // Grouped by problem, stage and cluster, with vote counts.
    expect(html).toContain('Problem: Repairs need second visits');
    expect(html).toContain('Stage of “Reporting a repair”: Booking a visit');
    expect(html).toContain('Cluster: Photos first');
    expect(html).toMatch(/Cluster: Photos first <span class="caption">\(1 note, 3 votes\)/);
    // Hidden notes are listed with their reason, not their text.
    expect(html).toContain('Personal data: Names a tenant');
    expect(html).not.toContain('Mrs Smith');
  });

  it('[#12.export] Markdown escapes every text: a note cannot become a heading, link, image, HTML or list', () => {
    const hostile = '# Heading\n[link](javascript:alert(1)) ![img](x) <b>bold</b> *em* `code` | table |\n- item\n\n===\n1. one';
    const escaped = escapeMarkdown(hostile, '  ');
    expect(escaped).not.toMatch(/(^|\n)\s*#/);
    expect(escaped).not.toMatch(/(^|[^\\])\[/);
    expect(escaped).not.toContain('<b>');
    expect(escaped).not.toMatch(/(^|\n)\s*[-=]/);
    expect(escaped).not.toMatch(/(^|[^\\])[*`|]/);
    const { input } = fixture();
    const wallNotes = new Map([...input.wallNotes].map(([key, value]) => [key, { ...value, text: hostile }]));
    const markdown = renderMarkdownReport(buildBoardRecord({ ...input, wallNotes }));
    expect(markdown).toContain('### Problem: Repairs need second visits');
    expect(markdown).toContain('#### Cluster: Photos first \\(1 note, 3 votes\\)');
    expect(markdown).not.toContain('<b>bold</b>');
    expect(markdown).not.toContain('Mrs Smith');
    // Every heading line of the report is one of ours.
    for (const line of markdown.split('\n').filter((line) => /^\s*#/.test(line))) expect(line).toMatch(/^#{1,4} [A-Z]/);
  });

  it('[#12.export] names the download after the board and the day, safe for any file system', () => {
    expect(exportFileName('Housing repairs: "what next?" ../../etc', T0, 'csv')).toBe('housing-repairs-what-next-etc-2026-12-03.csv');
    expect(exportFileName('Café ☕', T0, 'md')).toBe('cafe-2026-12-03.md');
    expect(exportFileName('***', T0, 'json')).toBe('board-2026-12-03.json');
  });
});
