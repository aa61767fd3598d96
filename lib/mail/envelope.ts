import 'server-only';
import { z } from 'zod';
import { decryptWithDataKey, encryptWithDataKey } from '@/lib/crypto/data-key';

/** What mail_outbox.envelope holds, encrypted with the data key until the message is delivered. */
export const ZMailEnvelope = z.object({
  to: z.string(),
  toName: z.string().optional(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  /** The one-click unsubscribe link of a marketing message; it names the person, so it stays sealed with the rest. */
  listUnsubscribe: z.string().optional(),
});

export type TMailEnvelope = z.infer<typeof ZMailEnvelope>;

export const sealEnvelope = (envelope: TMailEnvelope): Buffer => encryptWithDataKey(JSON.stringify(envelope));

export const openEnvelope = (sealed: Buffer): TMailEnvelope => ZMailEnvelope.parse(JSON.parse(decryptWithDataKey(sealed)));
