import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { secretsEnv } from '@/lib/env';

/**
 * A small JSON note for a cookie, signed with the site secret under a domain name (so a note made
 * for one use is never accepted by another): `base64url(json).base64url(hmac)`. Readable by the
 * browser, so it carries ids and states, never secrets (seal those with the data key first).
 */
const mac = (domain: string, body: string) => createHmac('sha256', secretsEnv().AUTH_SECRET).update(`${domain}\0${body}`).digest();

export function signNote(domain: string, note: object): string {
  const body = Buffer.from(JSON.stringify(note)).toString('base64url');
  return `${body}.${mac(domain, body).toString('base64url')}`;
}

/** The note, when the value was signed by signNote for this domain and parses with `schema`; null for anything else. */
export function openSignedNote<T>(domain: string, value: string | null | undefined, schema: z.ZodType<T>): T | null {
  if (!value || value.length > 2000) return null;
  const [body, signature, ...rest] = value.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = mac(domain, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const note = schema.safeParse(parsed);
  return note.success ? note.data : null;
}
