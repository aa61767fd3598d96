import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { childEnv } from '@/lib/env';

const SOURCES = ['app', 'lib', 'db', 'emails', 'public', 'proxy.ts', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];
const FINGERPRINT_FILE = path.join('.next', 'stockroom-source-fingerprint');
/** The production web worker, compiled, so the processes that render pages run without a TypeScript loader. */
export const WEB_WORKER_BUNDLE = path.join('.next', 'stockroom', 'web-worker.cjs');

/** A hash of everything the production build is made from, so `npm test` and the demo build only when it changed. */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    if (statSync(entry).isDirectory()) {
      for (const child of readdirSync(entry).sort()) visit(path.join(entry, child));
      return;
    }
    hash.update(entry).update('\0').update(readFileSync(entry)).update('\0');
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

export function isBuildCurrent(): boolean {
  if (!existsSync(path.join('.next', 'BUILD_ID')) || !existsSync(FINGERPRINT_FILE)) return false;
  return readFileSync(FINGERPRINT_FILE, 'utf8').trim() === sourceFingerprint();
}

export function buildProduction() {
  const fingerprint = sourceFingerprint();
  const result = spawnSync('next', ['build'], {
    stdio: 'inherit',
    env: childEnv({ NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }),
  });
  if (result.status !== 0) throw new Error('The production build failed (see above).');
  buildSync({
    entryPoints: ['scripts/web-worker.ts'],
    outfile: WEB_WORKER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    alias: { 'server-only': './scripts/empty-module.cjs' },
    logLevel: 'warning',
  });
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}

export function ensureProductionBuild() {
  if (isBuildCurrent()) return;
  console.log('Building the production bundle (sources changed since the last build)…');
  buildProduction();
}

if (process.argv[1]?.endsWith('production-build.ts')) {
  try {
    buildProduction();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
