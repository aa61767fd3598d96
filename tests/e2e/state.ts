import { readFileSync } from 'node:fs';
import path from 'node:path';

export const E2E_STATE_FILE = path.resolve('test-results/e2e-state.json');
export const MAILBOX_DIR = path.resolve('test-results/mailbox');

/** What the e2e server seeded, for the specs: written by tests/e2e/server.ts before the server answers. */
export type TE2EState = {
  baseUrl: string;
  databaseUrl: string;
  mailboxDir: string;
  publishedImageId: number;
  unpublishedImageId: number;
  lighthouseImageId: number;
  editorialImageId: number;
  originalKey: string;
  thumbKey: string;
  imageCount: number;
  /** A customer with invoices in every state (tests/e2e/seed-e2e-invoices.ts), and another customer's invoice. */
  invoiceBuyer: { id: string; email: string; password: string; fullName: string };
  invoices: Record<'open' | 'overdue' | 'paid' | 'cancelled' | 'creditNote' | 'reverseCharge' | 'othersInvoice', { id: string; number: string }>;
  /** The e2e server's random secrets and media folder, for a second process on the same data (two-processes.spec.ts). */
  sharedEnv: { AUTH_SECRET: string; DATA_ENCRYPTION_KEY: string; MEDIA_DIR: string };
};

export const e2eState = (): TE2EState => JSON.parse(readFileSync(E2E_STATE_FILE, 'utf8')) as TE2EState;
