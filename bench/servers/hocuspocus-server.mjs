/**
 * Reference server 2: `@hocuspocus/server` 4.7.0 (newest) with its default configuration on HOST:PORT. No
 * authentication hook, no rules, no storage extension. 4.x declares `engines: node >= 22`, but engines is
 * advisory: it installs and runs on Node 20 (the `Server` constructor, `listen()` and `destroy()` are the
 * same as in 3.x, and so is its wire protocol: document name first, token message, then y-protocols).
 */
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? '1234');
const address = process.env.HOST ?? '127.0.0.1';
const server = new Server({ port, address, quiet: true, stopOnSignals: false });
await server.listen();
process.stdout.write(`hocuspocus running at ${address}:${port}\n`);
const stop = () => {
  server.destroy().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
