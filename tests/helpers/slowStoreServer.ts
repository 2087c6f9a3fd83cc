/**
 * A test entry point: the real server (startServer, real SQLite in DATA_DIR) whose store takes
 * SLOW_APPEND_MS (default 200) longer to commit each batch of document updates, and nothing else. It opens
 * a window between an update arriving and its commit, so a crash test can kill the process inside it: a
 * server that broadcast before committing would then lose updates that clients already received.
 * Run as `node --import tsx tests/helpers/slowStoreServer.ts` (startAppProcess's `entry` option); prints the
 * same set-up link and ready line as server/main.ts.
 */
import { createSetupLinkIfNoOfficer } from '../../server/auth/setupLink.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer } from '../../server/server.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { wrapStore } from './slowStore.js';

const delayMs = Number(process.env.SLOW_APPEND_MS ?? 200);
const config = loadConfig();
const log = createLogger(config.logLevel);
const realStore = SqliteStore.inDataDir(config.dataDir);
// Only the commit of document updates is slow: sign-in, joins and loads answer at once.
const store = wrapStore(realStore, (method) =>
  method === 'appendDocumentUpdates' ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)) : undefined,
);
const server = await startServer({ config, store, log, clientDir: null });
const setupUrl = await createSetupLinkIfNoOfficer(realStore, config.publicUrl, Date.now());
if (setupUrl) process.stdout.write(`\nSet up the first officer account (this link works once):\n  ${setupUrl}\n\n`);
log.info({ url: server.url, slowAppendMs: delayMs }, 'Open Ideas Wall is running');

process.on('SIGTERM', () => {
  void server.close().then(async () => {
    await realStore.close();
    process.exit(0);
  });
});
