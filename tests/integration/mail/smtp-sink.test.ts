import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type TSinkMessage, type TSmtpSink } from '../../helpers/smtp-sink';

// The helper the end-to-end tests read mail from; checked here so they can rely on it.
let dropDir: string;
let sink: TSmtpSink;

beforeAll(async () => {
  dropDir = await mkdtemp(path.join(os.tmpdir(), 'stockroom-mailbox-'));
  sink = await startSmtpSink({ dropDir });
});

afterAll(async () => {
  await sink?.stop();
  await rm(dropDir, { recursive: true, force: true });
});

const send = (subject: string) =>
  nodemailer
    .createTransport({ url: sink.url, connectionTimeout: 2_000 })
    .sendMail({ from: 'Shop <shop@example.test>', to: 'Anna <anna@example.test>', subject, text: 'Hello', html: '<p>Hello</p>' });

describe('startSmtpSink', () => {
  it('receives, parses and drops each message as JSON', async () => {
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
    await send('First');
    const message = await sink.waitFor((m) => m.subject === 'First');
    expect(message).toMatchObject({ seq: 1, envelopeFrom: 'shop@example.test', envelopeTo: ['anna@example.test'], text: 'Hello', html: '<p>Hello</p>' });
    const files = await readdir(dropDir);
    expect(files).toHaveLength(1);
    const dropped = JSON.parse(await readFile(path.join(dropDir, files[0]!), 'utf8')) as TSinkMessage;
    expect(dropped.subject).toBe('First');
    expect(dropped.to).toContain('anna@example.test');
  });

  it('refuses connections while stopped and listens on the same port after a restart', async () => {
    const port = sink.port;
    await sink.stop();
    expect(sink.listening).toBe(false);
    await expect(send('While down')).rejects.toThrow(/ECONNREFUSED/);
    await sink.restart();
    expect(sink.port).toBe(port);
    await send('After restart');
    await sink.waitFor((m) => m.subject === 'After restart');
    expect(sink.messages.map((m) => m.subject)).toEqual(['First', 'After restart']);
  });

  it('gives up waiting after the timeout', async () => {
    await expect(sink.waitFor((m) => m.subject === 'Never', 200)).rejects.toThrow(/No matching message within 200 ms/);
  });
});
