/**
 * Reference server 1: `@y/websocket-server` 0.1.1, its own bin (`src/server.js`, setupWSConnection)
 * unchanged, on HOST:PORT. No authentication, no rules, no storage (YPERSISTENCE is not set).
 * 0.1.1 is the newest release that installs: 0.1.5 needs a yjs 14 pre-release that npm cannot resolve.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '1234';
delete process.env.YPERSISTENCE;
const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('@y/websocket-server/package.json'));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
await import(pathToFileURL(path.join(packageDir, 'src/server.js')).href);
