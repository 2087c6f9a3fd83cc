/**
 * Sets up boards on OUR server through its real REST API and websocket, as people would: the first
 * officer through the set-up link, boards, a brief with problems written over the brief's websocket,
 * and participants who each join through an invite link (POST /api/join/:token with the CSRF header),
 * so every simulated participant has a real session of its own. No test-only bypass.
 */
import * as Y from 'yjs';
import { addProblem, readProblems } from '../../shared/schema/problems.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';
import { connectAndSync } from './protocol.js';

export const BENCH_OFFICER = { name: 'Bench Officer', email: 'bench.officer@council.example.gov.uk', password: 'bench officer passphrase 2026' };

export interface Participant {
  /** 0-based index among the board's simulated participants. */
  index: number;
  personId: string;
  name: string;
  organisation: string;
  /** The Cookie header of this participant's browser (its session). */
  cookie: string;
}

export interface OurBoard {
  boardId: string;
  /** Problem ids of the brief: valid targets of notes. */
  targetIds: string[];
  /** Participant invite link tokens (one per 500 people: joining is limited per link per minute). */
  linkTokens: string[];
}

export function cookieOf(client: BrowserClient): string {
  return Object.entries(client.cookies())
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

async function expectOk(what: string, response: { status: number; text: string }, status: number): Promise<void> {
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${response.text.slice(0, 300)}`);
}

/** Creates the first officer with the server's one-time set-up link; returns their signed-in browser. */
export async function setUpOfficer(baseUrl: string, setupUrl: string | null): Promise<BrowserClient> {
  if (!setupUrl) throw new Error('our server printed no set-up link (an officer already exists?)');
  const officer = await newBrowserClient(baseUrl);
  await expectOk('set up the first officer', await officer.post(`/api/setup/${tokenFromUrl(setupUrl)}`, BENCH_OFFICER), 201);
  return officer;
}

export async function signInOfficer(baseUrl: string): Promise<BrowserClient> {
  const officer = await newBrowserClient(baseUrl);
  await expectOk('sign in', await officer.post('/api/sign-in', { email: BENCH_OFFICER.email, password: BENCH_OFFICER.password }), 200);
  return officer;
}

const PROBLEM_TEXTS = [
  { title: 'Finding a book in another branch', body: 'Residents cannot see which branch holds a copy, or reserve it for collection nearby.' },
  { title: 'Library computers for job seekers', body: 'Booking a computer takes three phone calls; sessions end before forms are submitted.' },
  { title: 'Events for young families', body: 'Parents hear about rhyme time too late; events fill up within minutes of opening.' },
];

/** A board with `problemCount` problems in its brief and enough participant links for `people` joins. */
export async function createOurBoard(
  baseUrl: string,
  officer: BrowserClient,
  options: { title?: string; problemCount?: number; people: number },
): Promise<OurBoard> {
  const created = await officer.post('/api/boards', {
    title: options.title ?? 'Load bench: future of library services',
    summary: 'A board made by the load benchmark.',
    notice: 'Everything you post here is shared with all suppliers taking part.',
  });
  await expectOk('create a board', created, 201);
  const boardId = created.body.board.id as string;
  const links = await officer.get(`/api/boards/${boardId}/invite-links`);
  await expectOk('list invite links', links, 200);
  const linkTokens = (links.body.links as Array<{ role: string; url: string }>)
    .filter((link) => link.role === 'participant')
    .map((link) => tokenFromUrl(link.url));
  while (linkTokens.length < Math.ceil(options.people / 500)) {
    const link = await officer.post(`/api/boards/${boardId}/invite-links`, { role: 'participant' });
    await expectOk('create a participant link', link, 201);
    linkTokens.push(tokenFromUrl(link.body.link.url as string));
  }
  const targetIds = await writeBrief(baseUrl, boardId, cookieOf(officer), options.problemCount ?? 3);
  return { boardId, targetIds, linkTokens };
}

/** The officer writes problems into the brief over its websocket; resolves once a fresh copy shows them. */
async function writeBrief(baseUrl: string, boardId: string, cookie: string, problemCount: number): Promise<string[]> {
  const doc = new Y.Doc();
  const connection = await connectAndSync({ flavour: 'ours', baseUrl, docName: `${boardId}/brief`, doc, cookie });
  const ids: string[] = [];
  for (let index = 0; index < problemCount; index += 1) {
    const text = PROBLEM_TEXTS[index % PROBLEM_TEXTS.length]!; // reason: modulo keeps the index in range
    ids.push(addProblem(doc, { title: text.title, body: text.body, userNeeds: 'As a resident I need to…', constraints: 'Within the current budget.' }));
  }
  const deadline = Date.now() + 10_000;
  for (;;) {
    const check = new Y.Doc();
    const reader = await connectAndSync({ flavour: 'ours', baseUrl, docName: `${boardId}/brief`, doc: check, cookie });
    const count = readProblems(check).length;
    reader.close();
    check.destroy();
    if (count >= problemCount) break;
    if (Date.now() > deadline) throw new Error(`the brief shows ${count} of ${problemCount} problems after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  connection.close();
  doc.destroy();
  return ids;
}

/** A distinct private address for simulated participant `index` (10.x.y.z). */
function benchAddress(index: number): string {
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}

/** `count` people join the board through its links (a browser each: GET /api/session, then POST /api/join). */
export async function joinParticipants(
  baseUrl: string,
  board: OurBoard,
  count: number,
  options: { firstIndex?: number; concurrency?: number; namePrefix?: string } = {},
): Promise<Participant[]> {
  const firstIndex = options.firstIndex ?? 0;
  const participants: Participant[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const offset = next;
      next += 1;
      if (offset >= count) return;
      const index = firstIndex + offset;
      const token = board.linkTokens[Math.floor(index / 500) % board.linkTokens.length]!; // reason: modulo keeps it in range
      const person = { name: `${options.namePrefix ?? 'Supplier'} ${index + 1}`, organisation: `Supplier Company ${index + 1} Ltd` };
      const browser = await newBrowserClient(baseUrl);
      // Each simulated phone comes from its own address, as the bench server's trusted proxy would say
      // (servers.ts sets TRUST_PROXY=1): the per-address join limit is for one script, not a whole bench.
      const joined = await browser.raw(`/api/join/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': browser.csrfToken, 'x-forwarded-for': benchAddress(index) },
        body: JSON.stringify({ ...person, acceptNotice: true }),
      });
      await expectOk(`join #${index}`, joined, 201);
      participants[offset] = { index, personId: joined.body.session.participant.id as string, ...person, cookie: cookieOf(browser) };
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, () => worker()));
  return participants;
}
