import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

type TGlobalWithTransports = typeof globalThis & { __stockroomMailTransports?: Map<string, Transporter<SMTPTransport.SentMessageInfo>> };
const globalWithTransports = globalThis as TGlobalWithTransports;

/**
 * One transport per SMTP URL. Each message opens its own connection, so a server that went away
 * and came back needs no reconnect logic. The timeouts end a hung exchange well before pg-boss
 * would consider the job expired and start a second attempt.
 */
export function mailTransport(smtpUrl: string): Transporter<SMTPTransport.SentMessageInfo> {
  const transports = (globalWithTransports.__stockroomMailTransports ??= new Map());
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      // Never write the conversation (which holds the recipient) to the log.
      logger: false,
      debug: false,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export function closeMailTransports() {
  const transports = globalWithTransports.__stockroomMailTransports;
  if (!transports) return;
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
