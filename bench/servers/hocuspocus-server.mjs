/**
 * Reference server 2: `@hocuspocus/server` 4.7.0 (newest) with its default configuration on HOST:PORT. No
 * authentication hook, no rules. 4.x declares `engines: node >= 22`, but engines is advisory: it installs
 * and runs on Node 20 (the `Server` constructor, `listen()` and `destroy()` are the same as in 3.x, and so
 * is its wire protocol: document name first, token message, then y-protocols).
 *
 * Storage: none, unless HOCUSPOCUS_SQLITE names a file; then its own `@hocuspocus/extension-sqlite` 4.7.0
 * (on better-sqlite3, as ours), which writes each document's whole state on Hocuspocus's debounce (2 s,
 * at most 10 s) and when its last client leaves, and loads it when the document is first opened. The cold
 * join scenario uses it so that "after a restart" compares like with like.
 */
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? '1234');
const address = process.env.HOST ?? '127.0.0.1';
const database = process.env.HOCUSPOCUS_SQLITE;
const extensions = database ? [new SQLite({ database })] : [];
const server = new Server({ port, address, quiet: true, stopOnSignals: false, extensions });
await server.listen();
process.stdout.write(`hocuspocus running at ${address}:${port}${database ? ' (storage: SQLite)' : ''}\n`);
const stop = async () => {
  setTimeout(() => process.exit(0), 3_000).unref();
  // Whatever waits for its debounce is written now; the writes run in the promise jobs that follow, so
  // they get a moment before the documents are destroyed.
  server.flushPendingStores();
  await new Promise((resolve) => setTimeout(resolve, 250));
  await server.destroy().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
