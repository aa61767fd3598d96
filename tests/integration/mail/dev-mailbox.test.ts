import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, db } from '@/lib/db/client';
import { stopBoss } from '@/lib/jobs/boss';
import { isProxied } from '@/lib/http/proxied';
import { isDevMailboxOpen, isLoopbackAddress, listDevMailbox, readDevMail } from '@/lib/mail/dev-mailbox';
import { queueMail } from '@/lib/mail/send-mail';
import { uniqueAddress, uniqueLink } from './mail-test-kit';

type TMode = 'development' | 'demo' | 'production' | 'test';

function configure(mode: TMode, smtp: 'set' | 'unset') {
  vi.stubEnv('NODE_ENV', mode === 'demo' ? 'production' : mode);
  vi.stubEnv('STOCKROOM_DEMO', mode === 'demo' ? '1' : undefined);
  vi.stubEnv('SMTP_URL', smtp === 'set' ? 'smtp://127.0.0.1:2525' : undefined);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('isDevMailboxOpen', () => {
  const peers: Array<[string, string | null, boolean]> = [
    ['IPv4 loopback', '127.0.0.1', true],
    ['another 127/8 address', '127.10.20.30', true],
    ['IPv6 loopback', '::1', true],
    ['IPv6 loopback, long form', '0:0:0:0:0:0:0:1', true],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1', true],
    ['IPv4-mapped loopback in hex', '::ffff:7f00:1', true],
    ['a LAN address', '192.168.1.20', false],
    ['a public address', '203.0.113.9', false],
    ['IPv4-mapped remote address', '::ffff:10.0.0.7', false],
    ['a remote IPv6 address', '2001:db8::1', false],
    ['the unspecified address', '0.0.0.0', false],
    ['the unspecified IPv6 address', '::', false],
    ['an address just past 127/8', '128.0.0.1', false],
    ['a host name', 'localhost', false],
    ['a forwarded list', '127.0.0.1, 203.0.113.9', false],
    ['an empty header', '', false],
    ['a missing header', null, false],
  ];

  describe.each(['development', 'demo'] as const)('in %s without SMTP_URL', (mode) => {
    it.each(peers)('%s (%s) -> %s', (_label, peer, expected) => {
      configure(mode, 'unset');
      expect(isDevMailboxOpen(peer)).toBe(expected);
    });
  });

  const closedModes: Array<[TMode, 'set' | 'unset']> = [
    ['development', 'set'],
    ['demo', 'set'],
    ['production', 'set'],
    ['production', 'unset'],
    ['test', 'unset'],
  ];
  describe.each(closedModes)('in %s with SMTP_URL %s', (mode, smtp) => {
    it.each(peers)('stays closed for %s (%s)', (_label, peer) => {
      configure(mode, smtp);
      expect(isDevMailboxOpen(peer)).toBe(false);
    });
  });

  it('stays closed when the mail configuration does not parse', () => {
    configure('development', 'unset');
    vi.stubEnv('SMTP_URL', 'not-a-url');
    expect(isDevMailboxOpen('127.0.0.1')).toBe(false);
  });

  it('stays closed for a loopback peer that forwarded the request (a reverse proxy on this machine)', () => {
    configure('demo', 'unset');
    expect(isDevMailboxOpen('127.0.0.1', { proxied: true })).toBe(false);
    expect(isDevMailboxOpen('127.0.0.1', { proxied: false })).toBe(true);
  });

  it.each([
    ['Forwarded', { forwarded: 'for=203.0.113.9' }, true],
    ['X-Forwarded-For', { 'x-forwarded-for': '203.0.113.9' }, true],
    ['X-Real-IP', { 'x-real-ip': '203.0.113.9' }, true],
    ['Via', { via: '1.1 nginx' }, true],
    ['X-Forwarded-Host, even empty', { 'x-forwarded-host': '' }, true],
    ['nothing a proxy adds', { 'user-agent': 'curl/8' }, false],
  ])('treats a request with %s as proxied: %s', (_label, headers, expected) => {
    const get = (name: string) => (headers as Record<string, string>)[name] ?? null;
    expect(isProxied(get)).toBe(expected);
  });

  it('recognises loopback addresses regardless of case and surrounding space', () => {
    expect(isLoopbackAddress(' ::FFFF:127.0.0.1 ')).toBe(true);
    expect(isLoopbackAddress('::1%lo')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });
});

describe('reading the dev mailbox', () => {
  let outboxId = '';
  const to = uniqueAddress('dev');
  const activationUrl = uniqueLink('activate');

  beforeAll(async () => {
    ({ outboxId } = await db.transaction((tx) =>
      queueMail(tx, { template: 'account-activation', to: { address: to, name: 'Dev Person' }, data: { name: 'Dev', activationUrl } }),
    ));
  });

  afterAll(async () => {
    await stopBoss();
    await closeDatabase();
  });

  it('lists waiting messages with time, recipient, subject and status', async () => {
    configure('development', 'unset');
    const messages = await listDevMailbox();
    const listed = messages.find((message) => message.id === outboxId);
    expect(listed).toMatchObject({ to: `Dev Person <${to}>`, subject: 'Activate your Stockroom account', status: 'pending' });
    expect(listed?.createdAt).toBeInstanceOf(Date);
  });

  it('reads one message with its text and HTML parts', async () => {
    configure('demo', 'unset');
    const mail = await readDevMail(outboxId);
    expect(mail?.envelope?.text).toContain(activationUrl);
    expect(mail?.envelope?.html).toContain(`href="${activationUrl}"`);
  });

  it('answers nothing for an unknown or malformed id', async () => {
    configure('development', 'unset');
    expect(await readDevMail('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await readDevMail("1' or '1'='1")).toBeNull();
  });

  it('reads nothing when the dev mailbox is disabled, whoever asks', async () => {
    configure('production', 'unset');
    expect(await listDevMailbox()).toEqual([]);
    expect(await readDevMail(outboxId)).toBeNull();
    configure('development', 'set');
    expect(await listDevMailbox()).toEqual([]);
    expect(await readDevMail(outboxId)).toBeNull();
  });
});
