/**
 * A real SMTP server for tests: listens on 127.0.0.1 (no TLS, no authentication required), parses
 * every message it accepts, keeps it in `messages` and, with `dropDir`, also writes it there as
 * JSON (one file per message, named so that a directory listing is in arrival order).
 *
 * `stop()` closes the port; `restart()` (or `startSmtpSink({ port })`) listens on the same port
 * again, so a test can take the server away and bring it back.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TSinkMessage = {
  /** Arrival number, from 1. */
  seq: number;
  receivedAt: string;
  /** SMTP envelope: MAIL FROM and RCPT TO. */
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** Headers as the message states them. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** The message as received, CRLF line endings included. */
  raw: string;
};

export type TSmtpSinkOptions = {
  /** Default: a free port chosen by the system. */
  port?: number;
  /** Write each message as `<seq>-<time>.json` into this folder (created when missing). */
  dropDir?: string;
  /** Answer RCPT TO for these addresses with a permanent 550 rejection. */
  rejectRecipient?: (address: string) => boolean;
};

export type TSmtpSink = {
  url: string;
  port: number;
  /** Every message received since the sink was created, across restarts. */
  messages: TSinkMessage[];
  /** Resolves with the first message (already received or arriving) that matches; rejects after `timeoutMs`. */
  waitFor: (predicate: (message: TSinkMessage) => boolean, timeoutMs?: number) => Promise<TSinkMessage>;
  /** Listens again on the same port after `stop()`. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
  readonly listening: boolean;
};

const HOST = '127.0.0.1';

export async function startSmtpSink(options: TSmtpSinkOptions = {}): Promise<TSmtpSink> {
  const messages: TSinkMessage[] = [];
  const waiters = new Set<{ predicate: (message: TSinkMessage) => boolean; resolve: (message: TSinkMessage) => void }>();
  if (options.dropDir) await mkdir(options.dropDir, { recursive: true });

  const receive = async (raw: Buffer, envelopeFrom: string | null, envelopeTo: string[]) => {
    const parsed = await simpleParser(raw);
    const headers: Record<string, string> = {};
    for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
    const message: TSinkMessage = {
      seq: messages.length + 1,
      receivedAt: new Date().toISOString(),
      envelopeFrom,
      envelopeTo,
      from: parsed.from?.text ?? '',
      to: addressText(parsed.to),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      headers,
      raw: raw.toString('utf8'),
    };
    messages.push(message);
    if (options.dropDir) {
      const name = `${String(message.seq).padStart(5, '0')}-${Date.now()}.json`;
      await writeFile(path.join(options.dropDir, name), JSON.stringify(message, null, 2));
    }
    for (const waiter of waiters) {
      if (waiter.predicate(message)) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  };

  const createServer = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1_000,
      onRcptTo(address, _session, callback) {
        if (options.rejectRecipient?.(address.address)) {
          // Worded like Postfix, address included, as real servers do.
          callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
          receive(Buffer.concat(chunks), envelopeFrom, envelopeTo).then(() => callback(), callback);
        });
      },
    });

  let server: SMTPServer | null = null;
  let port = options.port ?? 0;

  const listen = async () => {
    const next = createServer();
    next.on('error', () => {}); // a client dropping its connection is not the test's concern
    await new Promise<void>((resolve, reject) => {
      next.server.once('error', reject);
      next.listen(port, HOST, () => {
        next.server.off('error', reject);
        resolve();
      });
    });
    port = (next.server.address() as AddressInfo).port;
    server = next;
  };

  await listen();

  return {
    url: `smtp://${HOST}:${port}`,
    port,
    messages,
    get listening() {
      return server !== null;
    },
    // Generous: on two shared cores a delivery job can wait its turn for several seconds; a test fails only on the timeout.
    waitFor(predicate, timeoutMs = 20_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<TSinkMessage>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (message: TSinkMessage) => {
            clearTimeout(timer);
            resolve(message);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching message within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async restart() {
      if (!server) await listen();
    },
    async stop() {
      const current = server;
      if (!current) return;
      server = null;
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((address) => address.text).join(', ');
}
