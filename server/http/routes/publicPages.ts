/**
 * The public pages (issue 13), for anyone, no session: a board's published record (`/record/:boardId`,
 * with `record.csv` and `record.json`), the pipeline (`/pipeline`, `.atom`, `.json`), "How to take part"
 * (`/take-part`) and "Check a record" (`/check-record`, GET and a plain form POST). Server-rendered, no
 * JavaScript, each with its own strict CSP; cacheable (Cache-Control and a strong ETag, 304 when fresh).
 */
import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { isWellFormedId } from '../../../shared/ids.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import { checkRecordPage } from '../../published/pages/checkRecordPage.js';
import { pipelinePage } from '../../published/pages/pipelinePage.js';
import { PUBLIC_STYLESHEET, PUBLIC_STYLESHEET_PATH, publicPageCsp, renderPublicPage } from '../../published/pages/publicLayout.js';
import { recordPage } from '../../published/pages/recordPage.js';
import { takePartPage } from '../../published/pages/takePartPage.js';
import { engagementsOf, inPipelineOrder } from '../../published/pipeline.js';
import { boardReach } from '../../reach/boardReach.js';
import { pipelineAtom } from '../../published/pipelineFeed.js';
import { publicCsv, publicJson } from '../../published/publicDownloads.js';
import { OPEN_GOVERNMENT_LICENCE, type PublishedRecord } from '../../published/publicRecord.js';
import { MAX_LOG_ENTRIES, verifyRecordLog } from '../../record/verifyRecordLog.js';

export interface PublicPageDeps {
  config: Pick<Config, 'publicUrl'>;
  store: Pick<Store, 'findPublishedRecord' | 'listPipelineBoards' | 'listParticipants' | 'listParticipantProfiles'>;
  log: Logger;
  now: () => number;
}

/** Largest log the check form takes, in bytes (a few thousand entries; bigger logs: use the CLI). */
export const MAX_CHECK_FORM_BYTES = 5 * 1024 * 1024;

const LICENCE_LINK = `<${OPEN_GOVERNMENT_LICENCE.url}>; rel="license"`;

/** Sends a cacheable public response: strong ETag from the bytes, 304 when the client's copy is current. */
function sendCacheable(req: Request, res: Response, body: string, type: string, options: { maxAgeSeconds: number; csp?: string; attachment?: string }): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  res.set('Cache-Control', `public, max-age=${options.maxAgeSeconds}`);
  res.set('ETag', etag);
  res.set('X-Content-Type-Options', 'nosniff');
  if (options.csp) res.set('Content-Security-Policy', options.csp);
  if (options.attachment) res.attachment(options.attachment);
  const match = req.get('If-None-Match');
  if (match && match.split(',').some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}`)) {
    res.status(304).end();
    return;
  }
  res.type(type).send(body);
}

function isMultipart(req: Request): boolean {
  return typeof req.is('multipart/form-data') === 'string';
}

function notFoundPage(res: Response, message: string): void {
  res.status(404).set('Content-Security-Policy', publicPageCsp()).set('Cache-Control', 'no-cache').type('html');
  res.send(renderPublicPage({ title: 'Page not found', body: `<h1>Page not found</h1><p>${message}</p><p>See the <a href="/pipeline">engagement pipeline</a> for published records.</p>` }));
}

export function publicPageRoutes(deps: PublicPageDeps): Router {
  const router = Router();

  router.get(PUBLIC_STYLESHEET_PATH, (req, res) => sendCacheable(req, res, PUBLIC_STYLESHEET, 'text/css; charset=utf-8', { maxAgeSeconds: 3600 }));

  const publishedRecordOf = async (req: Request, res: Response): Promise<PublishedRecord | null> => {
    const boardId = String(req.params.boardId);
    const stored = isWellFormedId(boardId) ? await deps.store.findPublishedRecord(boardId) : null;
    if (!stored) {
      notFoundPage(res, 'There is no published record at this address. A record appears here when the council publishes the engagement.');
      return null;
    }
    return JSON.parse(stored.recordJson) as PublishedRecord;
  };

  router.get('/record/:boardId', async (req, res) => {
    const published = await publishedRecordOf(req, res);
    if (!published) return;
    const { html, csp } = recordPage(published);
    res.set('Link', LICENCE_LINK);
    sendCacheable(req, res, html, 'text/html; charset=utf-8', { maxAgeSeconds: 300, csp });
  });

  router.get('/record/:boardId/record.json', async (req, res) => {
    const published = await publishedRecordOf(req, res);
    if (!published) return;
    res.set('Link', LICENCE_LINK);
    sendCacheable(req, res, publicJson(published), 'application/json; charset=utf-8', { maxAgeSeconds: 300, csp: "default-src 'none'" });
  });

  router.get('/record/:boardId/record.csv', async (req, res) => {
    const published = await publishedRecordOf(req, res);
    if (!published) return;
    res.set('Link', LICENCE_LINK);
    const name = `published-record-${published.record.board.id}.csv`;
    sendCacheable(req, res, publicCsv(published), 'text/csv; charset=utf-8; header=present', { maxAgeSeconds: 300, csp: "default-src 'none'", attachment: name });
  });

  const engagements = async () => {
    const boards = await deps.store.listPipelineBoards();
    // Who took part, for engagements whose record is published (counts only; see server/reach/boardReach.ts).
    const published = boards.filter((entry) => entry.publishedAt !== null);
    const reach = new Map(await Promise.all(published.map(async (entry) => [entry.board.id, await boardReach(deps.store, entry.board.id)] as const)));
    return inPipelineOrder(engagementsOf(boards, deps.now(), reach));
  };

  router.get('/pipeline', async (req, res) => {
    sendCacheable(req, res, pipelinePage(await engagements()), 'text/html; charset=utf-8', { maxAgeSeconds: 60, csp: publicPageCsp() });
  });

  router.get('/pipeline.atom', async (req, res) => {
    const feed = pipelineAtom(await engagements(), deps.config.publicUrl, deps.now());
    sendCacheable(req, res, feed, 'application/atom+xml; charset=utf-8', { maxAgeSeconds: 60, csp: "default-src 'none'" });
  });

  router.get('/pipeline.json', async (req, res) => {
    const body = `${JSON.stringify({ licence: OPEN_GOVERNMENT_LICENCE, engagements: await engagements() }, null, 2)}\n`;
    res.set('Link', LICENCE_LINK);
    sendCacheable(req, res, body, 'application/json; charset=utf-8', { maxAgeSeconds: 60, csp: "default-src 'none'" });
  });

  router.get('/take-part', (req, res) => {
    sendCacheable(req, res, takePartPage(), 'text/html; charset=utf-8', { maxAgeSeconds: 3600, csp: publicPageCsp() });
  });

  router.get('/check-record', (req, res) => {
    sendCacheable(req, res, checkRecordPage({ log: '', finalHash: '' }), 'text/html; charset=utf-8', { maxAgeSeconds: 3600, csp: publicPageCsp() });
  });

  // The form is multipart (a file upload, or the pasted text); a plain urlencoded post works as well.
  const urlencodedForm = express.urlencoded({ extended: false, limit: MAX_CHECK_FORM_BYTES, parameterLimit: 10 });
  const multipartForm = express.raw({ type: 'multipart/form-data', limit: MAX_CHECK_FORM_BYTES });
  router.post('/check-record', (req, res, next) => {
    (isMultipart(req) ? multipartForm : urlencodedForm)(req, res, (error?: unknown) => {
      void answerCheck(req, res, error).catch(next);
    });
  });

  /** The fields of a multipart form, parsed by the platform's own `FormData` (files read as UTF-8 text). */
  async function multipartFields(req: Request): Promise<Record<string, string>> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const form = await new globalThis.Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': req.get('content-type') ?? '' } }).formData();
    const fields: Record<string, string> = {};
    for (const name of ['log', 'logFile', 'finalHash']) {
      const value = form.get(name);
      if (typeof value === 'string') fields[name] = value;
      else if (value !== null) fields[name] = await value.text();
    }
    return fields;
  }

  async function answerCheck(req: Request, res: Response, error: unknown): Promise<void> {
    res.set('Content-Security-Policy', publicPageCsp()).set('Cache-Control', 'no-store').type('html');
    if (error) {
      const tooLarge = (error as { type?: string }).type === 'entity.too.large';
      res.status(tooLarge ? 413 : 400);
      res.send(
        checkRecordPage({
          log: '',
          finalHash: '',
          error: tooLarge
            ? `The log is too large to check here (more than ${MAX_CHECK_FORM_BYTES / 1024 / 1024} MB). Use npm run verify-record instead.`
            : 'The form could not be read. Choose the file or paste the log and try again.',
        }),
      );
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = isMultipart(req) ? await multipartFields(req) : ((typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>);
    } catch {
      res.status(400).send(checkRecordPage({ log: '', finalHash: '', error: 'The form could not be read. Choose the file or paste the log and try again.' }));
      return;
    }
    // A chosen file wins over pasted text (the form offers both).
    const file = typeof body.logFile === 'string' ? body.logFile : '';
    const log = file.trim() !== '' ? file : typeof body.log === 'string' ? body.log : '';
    const finalHash = typeof body.finalHash === 'string' ? body.finalHash.trim() : '';
    if (log.trim() === '') {
      res.status(400).send(checkRecordPage({ log, finalHash, error: 'Choose the record log file or paste the log to check' }));
      return;
    }
    if (finalHash !== '' && !/^[0-9a-fA-F]{64}$/.test(finalHash)) {
      res.status(400).send(checkRecordPage({ log, finalHash, error: 'Enter the final hash as 64 characters, 0 to 9 and a to f, or leave it empty' }));
      return;
    }
    const result = verifyRecordLog(log, finalHash || undefined);
    deps.log.info({ ok: result.ok, entries: result.ok ? result.entries : null, max: MAX_LOG_ENTRIES }, 'record log checked');
    // The log is not echoed back: the answer names the entry, and the log may be long.
    res.status(200).send(checkRecordPage({ log: '', finalHash, result }));
  }

  return router;
}
