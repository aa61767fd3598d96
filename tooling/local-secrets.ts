import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hasSecretsInEnv, setEnv, storageEnv } from '@/lib/env';

const ZSecretsFile = z.object({ AUTH_SECRET: z.string().min(32), DATA_ENCRYPTION_KEY: z.string().min(40) });

/**
 * Secrets come from the environment. For the demo and local development only, they are
 * generated once into data/secrets.json (git-ignored, mode 600) and reused.
 */
export async function ensureLocalSecrets() {
  if (hasSecretsInEnv()) return;
  const file = path.resolve(storageEnv().DATA_DIR, 'secrets.json');
  const existing = await readFile(file, 'utf8').then(
    (text) => ZSecretsFile.safeParse(JSON.parse(text)),
    () => undefined,
  );
  if (existing?.success) {
    setEnv(existing.data);
    return;
  }
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  setEnv(secrets);
}
