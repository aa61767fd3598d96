import { spawn } from 'node:child_process';
import { childEnv } from '@/lib/env';

/**
 * Runs a scripts/ entry point as `npm run` does (tsx with the server-only hook), with this
 * environment on top; `input`, when given, is piped to its stdin (answers to its questions).
 */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>, input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/register-hooks.mjs', script, ...args], {
      env: childEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Without input, stdin ends at once, as /dev/null would.
    child.stdin.end(input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One query on a server, for a test to see it answer. */
export async function queryOnce<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
