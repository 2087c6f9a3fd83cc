import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_CONNECTIONS } from '../shared/limits.js';
import { DataDirError, prepareDataDir } from './store/dataDir.js';

/** The server's settings, parsed once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  isProduction: boolean;
  sessionSecret: string;
  publicUrl: string;
  /**
   * The origin of PUBLIC_URL (`https://ideas.example.gov.uk`) when PUBLIC_URL is set, else null. Requests'
   * Origin headers are compared with it; with null, with the Host header (see isSameOrigin).
   */
  publicOrigin: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seed the demo board on a fresh data directory. */
  seedDemo: boolean;
  /** Trust X-Forwarded-* only when a proxy we run sets them (express "trust proxy" value). */
  trustProxy: false | number;
  redisUrl: string | null;
  databaseUrl: string | null;
  /** Open connections (Yjs and socket.io) this process holds at most; more are refused with a close code. */
  maxConnections: number;
  /**
   * permessage-deflate on the Yjs websocket (WS_COMPRESSION, default OFF: the handbook's THREATS.md asks for
   * no per-message compression on the server, and it costs ~110 KiB a connection). On cuts a phone's first
   * download of a big wall about 3-8x on a slow link (docs/adr/0007-websocket-compression-opt-in.md).
   */
  wsCompression: boolean;
  /**
   * SQLite's `synchronous` setting (SQLITE_SYNC, default `normal`): with `normal` a commit is in the WAL
   * file before anyone is told of it (it survives a crash of this process) and is fsync'd at checkpoints;
   * `full` fsyncs every commit (it survives a power cut too, for ~0.5 ms a commit). docs/adr/0010.
   */
  sqliteSync: 'normal' | 'full';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SESSION_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://ideas.example.gov.uk' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  MAX_CONNECTIONS: z
    .string()
    .regex(/^[1-9][0-9]{0,6}$/, { error: 'must be a whole number of connections from 1 to 9999999' })
    .transform(Number)
    .default(DEFAULT_MAX_CONNECTIONS),
  WS_COMPRESSION: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
  SQLITE_SYNC: z.enum(['normal', 'full'], { error: 'must be normal or full' }).default('normal'),
});

/** Parses the environment; throws a ConfigError whose message is one clear line naming the variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (compose files and shells often pass `PUBLIC_URL=`).
  const env = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Configuration error: ${name} ${issue?.message ?? 'is not valid'} (${describeValue(name, env[name])})`);
  }
  const values = parsed.data;
  const isProduction = values.NODE_ENV === 'production';
  if (isProduction && !values.SESSION_SECRET) {
    throw new ConfigError('Configuration error: SESSION_SECRET must be set (32+ random characters) when NODE_ENV=production');
  }
  if (isProduction && !values.PUBLIC_URL) {
    throw new ConfigError('Configuration error: PUBLIC_URL must be set when NODE_ENV=production');
  }
  if (values.DATABASE_URL && !values.SESSION_SECRET) {
    // The development secret lives in the data folder, which instances on one database do not share.
    throw new ConfigError('Configuration error: SESSION_SECRET must be set (32+ random characters) when DATABASE_URL is set, the same on every instance');
  }
  const dataDir = path.resolve(values.DATA_DIR);
  try {
    prepareDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirError) throw new ConfigError(`Configuration error: ${error.message}`);
    throw error;
  }
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    isProduction,
    sessionSecret: values.SESSION_SECRET ?? developmentSecret(dataDir),
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
    publicOrigin: values.PUBLIC_URL ? new URL(values.PUBLIC_URL).origin : null,
    logLevel: values.LOG_LEVEL,
    seedDemo: values.SEED_DEMO === 'true',
    trustProxy: values.TRUST_PROXY === 0 ? false : values.TRUST_PROXY,
    redisUrl: values.REDIS_URL ?? null,
    databaseUrl: values.DATABASE_URL ?? null,
    maxConnections: values.MAX_CONNECTIONS,
    wsCompression: values.WS_COMPRESSION === 'on',
    sqliteSync: values.SQLITE_SYNC,
  };
}

/**
 * Variables whose value may be echoed in an error: none of them can hold a secret. Everything else
 * (SESSION_SECRET, REDIS_URL and DATABASE_URL with their passwords, and any variable added later) is
 * described by its length only, so a configuration error never writes a secret to a log.
 */
const ECHOABLE_VARIABLES = new Set(['PORT', 'HOST', 'DATA_DIR', 'NODE_ENV', 'PUBLIC_URL', 'LOG_LEVEL', 'SEED_DEMO', 'TRUST_PROXY', 'WS_COMPRESSION', 'SQLITE_SYNC']);

function describeValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'not set';
  if (ECHOABLE_VARIABLES.has(name)) return `got ${JSON.stringify(value.slice(0, 200))}`;
  return `got ${value.length} characters; the value is not shown`;
}

/** Outside production a secret is generated once and kept in the data directory, so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
