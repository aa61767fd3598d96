/**
 * The e2e server's SMTP sink writes every message it receives as a JSON file into
 * test-results/mailbox (tests/e2e/server.ts). These helpers wait for a message to an address and
 * read a link out of it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TSinkMessage } from '../helpers/smtp-sink';
import { MAILBOX_DIR } from './state';

export type TMailQuery = {
  to: string;
  subject?: RegExp;
  /** Only messages that arrived after this one (its `seq`), e.g. a second reset mail. */
  afterSeq?: number;
};

async function readMailbox(directory = MAILBOX_DIR): Promise<TSinkMessage[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const messages: TSinkMessage[] = [];
  for (const name of names) {
    try {
      messages.push(JSON.parse(await readFile(path.join(directory, name), 'utf8')) as TSinkMessage);
    } catch {
      // A file still being written: it is read on the next poll.
    }
  }
  return messages;
}

const matches = (query: TMailQuery) => (message: TSinkMessage) =>
  message.envelopeTo.some((to) => to.toLowerCase() === query.to.toLowerCase()) &&
  (!query.subject || query.subject.test(message.subject)) &&
  message.seq > (query.afterSeq ?? 0);

/** Every message received so far that matches, oldest first. */
export async function mailsTo(query: TMailQuery): Promise<TSinkMessage[]> {
  return (await readMailbox()).filter(matches(query));
}

/** The first matching message, waiting for it to arrive (the worker polls every 2 s). */
export async function waitForMail(query: TMailQuery, timeoutMs = 20_000): Promise<TSinkMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = await mailsTo(query);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`No message to ${query.to}${query.subject ? ` matching ${query.subject}` : ''} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The absolute link to `/<pathPrefix>/…` in the message's text part. */
export function linkIn(message: TSinkMessage, pathPrefix: 'activate' | 'reset-password' | 'staff/invitation' | 'shared' | 'account/downloads/bundle' | 'delete-account'): string {
  const match = new RegExp(`https?://[^\\s"<>]+/${pathPrefix}/[A-Za-z0-9_-]+`).exec(message.text);
  if (!match) throw new Error(`No /${pathPrefix}/ link in "${message.subject}"`);
  return match[0];
}

export const ACTIVATION_SUBJECT = /^Activate your .+ account$/;
export const RESET_SUBJECT = /^Reset your .+ password$/;
