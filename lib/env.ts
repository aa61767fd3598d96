import { z } from 'zod';
import { parseIpRangeList } from './http/ip-address';

/**
 * The only reader of process.env. Each concern is validated on first use, so a
 * script can set DATABASE_URL (for the embedded server) before the database
 * module reads it, and a missing mail setting never stops a page from rendering.
 */

const ZBoolFlag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true');

const ZRuntimeEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  STOCKROOM_DEMO: ZBoolFlag,
  STOCKROOM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

const ZServerEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Web server processes in production; default one per CPU core, at most 4. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  HOST: z.string().min(1).default('0.0.0.0'),
  APP_URL: z.url().optional(),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (lib/http/client-address.ts): CIDR ranges or
   * single addresses, IPv4 or IPv6, separated by commas or spaces. Unset: none, the socket peer is the client.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value, context) => {
      const { ranges, invalid } = parseIpRangeList(value);
      if (invalid.length > 0) context.addIssue({ code: 'custom', message: `not an address or CIDR range: ${invalid.join(', ')}` });
      return ranges;
    }),
});

const ZDatabaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Root only: clusters (and binaries) the `postgres` system user cannot reach in the project folder. */
  STOCKROOM_SYSTEM_DIR: z
    .string()
    .refine((value) => value.startsWith('/'), 'STOCKROOM_SYSTEM_DIR must be an absolute path')
    .default('/var/lib/stockroom'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

const ZStorageEnv = z.object({
  DATA_DIR: z.string().min(1).default('data'),
  MEDIA_DIR: z.string().min(1).optional(),
  /** Ids of erased accounts, one per line; outside the database and the media so a restore of either leaves it. */
  ERASURE_TOMBSTONES_FILE: z.string().min(1).optional(),
});

const ZMailEnv = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Stockroom <no-reply@stockroom.localhost>'),
});

const isDataKey = (value: string) => Buffer.from(value, 'base64').length === 32;

const ZSecretsEnv = z.object({
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters'),
  DATA_ENCRYPTION_KEY: z.string().refine(isDataKey, 'DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded'),
  /**
   * Data keys replaced by DATA_ENCRYPTION_KEY, kept only so rows sealed under them can still be
   * opened until `npm run keys:reseal` has moved them to the current key. Comma-separated.
   */
  DATA_ENCRYPTION_KEYS_RETIRED: z
    .string()
    .default('')
    .transform((value, context) => {
      const keys = value
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean);
      const invalid = keys.filter((key) => !isDataKey(key)).length;
      if (invalid > 0) context.addIssue({ code: 'custom', message: `${invalid} of the keys are not 32 bytes, base64-encoded` });
      return keys;
    }),
});

const ZTestEnv = z.object({
  CHROMIUM_PATH: z.string().optional(),
  E2E_PORT: z.coerce.number().int().min(1).max(65535).default(3210),
  CI: ZBoolFlag,
  /** Set by vitest in each worker process: 1 to the number of workers. */
  VITEST_POOL_ID: z.coerce.number().int().min(1).optional(),
  /** JSON list of { databaseUrl, mediaDir } prepared for the integration workers, one each. */
  INTEGRATION_WORKERS: z.string().optional(),
});

function read<T extends z.ZodType>(schema: T, concern: string): z.infer<T> {
  const parsed = schema.safeParse(process.env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`Invalid ${concern} configuration: ${problems}`);
}

export const runtimeEnv = () => read(ZRuntimeEnv, 'runtime');
export const serverEnv = () => {
  const server = read(ZServerEnv, 'server');
  return { ...server, APP_URL: server.APP_URL ?? `http://localhost:${server.PORT}` };
};
export const databaseEnv = () => read(ZDatabaseEnv, 'database');
export const storageEnv = () => {
  const storage = read(ZStorageEnv, 'storage');
  return {
    ...storage,
    MEDIA_DIR: storage.MEDIA_DIR ?? `${storage.DATA_DIR}/media`,
    ERASURE_TOMBSTONES_FILE: storage.ERASURE_TOMBSTONES_FILE ?? `${storage.DATA_DIR}/erasure-tombstones.log`,
  };
};
export const mailEnv = () => read(ZMailEnv, 'mail');
export const secretsEnv = () => read(ZSecretsEnv, 'secrets');
export const testEnv = () => read(ZTestEnv, 'test');

export const hasSecretsInEnv = () => ZSecretsEnv.safeParse(process.env).success;

/** Production refuses to start without its two secrets (the demo and development generate theirs). */
export function assertSecretsInEnv() {
  if (!hasSecretsInEnv()) {
    throw new Error(
      'AUTH_SECRET (32+ characters) and DATA_ENCRYPTION_KEY (32 bytes, base64) must be set. Generate them with: openssl rand -base64 32',
    );
  }
}

type TWritableKey =
  | 'DATABASE_URL'
  | 'AUTH_SECRET'
  | 'DATA_ENCRYPTION_KEY'
  | 'DATA_ENCRYPTION_KEYS_RETIRED'
  | 'STOCKROOM_DEMO'
  | 'SMTP_URL'
  | 'PORT'
  | 'APP_URL'
  | 'MEDIA_DIR'
  | 'ERASURE_TOMBSTONES_FILE'
  | 'NODE_ENV'
  | 'TRUSTED_PROXIES'
  | 'INTEGRATION_WORKERS';

/** Launchers set values they resolved (the embedded database's URL, demo secrets) before loading the app. */
export function setEnv(values: Partial<Record<TWritableKey, string>>) {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) process.env[key] = value;
  }
}

/** next-auth reads its public origin from NEXTAUTH_URL; ours is APP_URL. Called by the launcher. */
export function applyDerivedEnv() {
  process.env.NEXTAUTH_URL = serverEnv().APP_URL;
}

/** The environment a child process inherits, with overrides. */
export function childEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
