import { retentionDescriptions, type TRetentionDescriptions } from './retention-descriptions';
import { dataCategories, legalBases, type TDataCategory, type TLegalBasis, type TPersonalColumn, type TRetentionRule, type TTableEntry } from './classification';

/**
 * The record of processing activities (GDPR art. 30(1)), built from the personal-data map and the
 * seller's settings only, so it cannot drift from what the code stores. Pure: the CLI and the staff
 * page read the settings and hand them in.
 */

export const dataSubjectCategories = {
  customers: 'Customers with an account',
  staff: 'Staff members of the site owner',
  guests: 'Visitors who are not signed in',
  'share-recipients': 'People a customer sends a lightbox or image to by mail',
  contributors: 'Photographers and agencies credited for images',
  requesters: 'People without an account who make a data-protection request',
} as const;

export type TDataSubjectCategory = keyof typeof dataSubjectCategories;

/**
 * Whose data each table holds. The map names columns, not people, so this list says it; a test
 * fails when a table with personal columns is missing here, so a new table cannot be forgotten.
 */
export const dataSubjectsByTable: Readonly<Record<string, readonly TDataSubjectCategory[]>> = {
  users: ['customers', 'staff'],
  account_tokens: ['customers', 'staff'],
  sessions: ['customers', 'staff'],
  consent_ledger: ['customers'],
  activity_events: ['customers', 'guests'],
  audit_trail: ['customers', 'staff'],
  staff_factors: ['staff'],
  staff_recovery_codes: ['staff'],
  staff_allowlist: ['staff'],
  ip_blocks: ['staff'],
  access_log: ['customers', 'staff', 'guests'],
  images: ['contributors'],
  mail_outbox: ['customers', 'staff', 'share-recipients'],
  site_settings: ['staff'],
  lightboxes: ['customers', 'guests'],
  lightbox_items: ['customers', 'guests'],
  shares: ['customers', 'share-recipients'],
  carts: ['customers', 'guests'],
  cart_items: ['customers', 'guests'],
  customer_terms: ['customers', 'staff'],
  vat_rates: ['staff'],
  orders: ['customers'],
  order_events: ['customers', 'staff'],
  invoices: ['customers'],
  invoice_payments: ['customers', 'staff'],
  invoice_pdfs: ['customers'],
  licence_downloads: ['customers'],
  download_bundles: ['customers'],
  data_exports: ['customers', 'staff'],
  privacy_requests: ['customers', 'requesters', 'staff'],
  erasure_tombstones: ['customers'],
  text_versions: ['staff'],
  marketing_campaigns: ['staff'],
};

/** Only what the code does; see README (How it is built). */
export const recipients = [
  "Mail (account, order, share and security messages, and newsletters to customers who consented) is handed to the SMTP server the site owner configures (SMTP_URL); the software sends personal data to no other party.",
  'Staff of the site owner see the data their role permits; each opening of a customer\'s data is recorded in the audit trail with its purpose.',
] as const;

export const transfersOutsideEu =
  'None by the software: it makes no outbound connection other than to the configured SMTP server. Where the database, the server and the SMTP server are hosted is the site owner\'s choice and must be added here.';

/** Art. 32 measures the software itself has; nothing here that is not built. */
export const securityMeasures = [
  'Passwords and staff PINs stored as bcrypt hashes; sign-in, activation, reset and share links and session ids stored as SHA-256 hashes; staff recovery codes as keyed hashes.',
  'Staff authenticator secrets and mail waiting in the outbox encrypted (AES-256-GCM) under the data key; delivered mail wiped from the outbox.',
  'Staff sign in with password, PIN and, for the roles the security policy names, a time-based code; staff sessions end after idle time and a maximum length.',
  'IP allowlists for staff (site-wide, per role, per account), automatic blocking of addresses after repeated failures, throttled sign-in attempts.',
  'Role-based permissions checked on every staff page, action and route; refusals recorded in the access log.',
  'Access log of every sign-in attempt and every refused staff request.',
  'Audit trail of who did what to whose data, when, from where and why: append-only and hash-chained (npm run audit:verify checks the chain).',
  'Scheduled jobs remove delivered mail, never-activated accounts, expired shares, stale guest lightboxes and carts, expired download ZIPs, access-log entries, ended blocks and audit entries past their retention periods; the nightly retention job deletes or redacts activity, IP addresses, ended sessions and used links past theirs, and redacts the billing details on orders and invoices once the tax period is over. The periods are those below, as the site owner set them.',
] as const;

export type TControllerSettings = {
  seller: { name: string; address: string; countryCode: string; vatNumber: string };
  securityContact: string;
  /** The rules' descriptions with the site owner's periods (retentionDescriptionsInForce); the defaults when absent. */
  retention?: TRetentionDescriptions;
};

export type TProcessingActivity = {
  table: string;
  purpose: string;
  dataSubjects: { category: TDataSubjectCategory; description: string }[];
  dataCategories: { category: TDataCategory; description: string; columns: string[] }[];
  legalBases: { basis: TLegalBasis; article: string; purposes: string[] }[];
  retention: { rule: TRetentionRule; description: string }[];
};

export type TProcessingRecord = {
  controller: { name: string; address: string; countryCode: string; vatNumber: string; contact: string };
  activities: TProcessingActivity[];
  recipients: readonly string[];
  transfersOutsideEu: string;
  securityMeasures: readonly string[];
};

const unique = <T,>(values: T[]) => [...new Set(values)];

/** One activity per table that holds personal columns, in the map's order. */
export function buildProcessingRecord(
  map: Readonly<Record<string, TTableEntry>>,
  settings: TControllerSettings,
  subjects: Readonly<Record<string, readonly TDataSubjectCategory[]>> = dataSubjectsByTable,
): TProcessingRecord {
  const activities: TProcessingActivity[] = [];
  const retention = settings.retention ?? retentionDescriptions();
  for (const [table, entry] of Object.entries(map)) {
    const columns = Object.entries(entry.columns).filter((column): column is [string, TPersonalColumn] => column[1].personal);
    if (columns.length === 0) continue;
    const tableSubjects = subjects[table];
    if (!tableSubjects || tableSubjects.length === 0) throw new Error(`The table ${table} holds personal data but names no category of data subjects (lib/privacy/processing-records.ts)`);
    activities.push({
      table,
      purpose: entry.purpose,
      dataSubjects: tableSubjects.map((category) => ({ category, description: dataSubjectCategories[category] })),
      dataCategories: unique(columns.map(([, column]) => column.category)).map((category) => ({
        category,
        description: dataCategories[category],
        columns: columns.filter(([, column]) => column.category === category).map(([name]) => name),
      })),
      legalBases: unique(columns.map(([, column]) => column.legalBasis)).map((basis) => ({
        basis,
        article: legalBases[basis],
        purposes: unique(columns.filter(([, column]) => column.legalBasis === basis).map(([, column]) => column.purpose)),
      })),
      retention: unique(columns.map(([, column]) => column.retention)).map((rule) => ({ rule, description: retention[rule] })),
    });
  }
  return {
    controller: { ...settings.seller, contact: settings.securityContact },
    activities,
    recipients,
    transfersOutsideEu,
    securityMeasures,
  };
}

const orNotSet = (value: string) => (value.trim() === '' ? '(not set)' : value);

/** The record as Markdown, for `npm run privacy:records`. */
export function processingRecordMarkdown(record: TProcessingRecord): string {
  const { controller } = record;
  const lines = [
    '# Record of processing activities (GDPR art. 30(1))',
    '',
    '## Controller',
    '',
    `- Name: ${controller.name}`,
    `- Address: ${orNotSet(controller.address.replace(/\s*\n\s*/g, ', '))}`,
    `- Country: ${controller.countryCode}`,
    `- VAT number: ${orNotSet(controller.vatNumber)}`,
    `- Contact (security address): ${controller.contact}`,
    '',
    '## Recipients',
    '',
    ...record.recipients.map((line) => `- ${line}`),
    '',
    '## Transfers outside the EU',
    '',
    record.transfersOutsideEu,
    '',
    '## Technical and organisational measures (art. 32)',
    '',
    ...record.securityMeasures.map((line) => `- ${line}`),
    '',
    '## Processing activities',
  ];
  for (const activity of record.activities) {
    lines.push(
      '',
      `### ${activity.purpose} (${activity.table})`,
      '',
      `Data subjects: ${activity.dataSubjects.map((subject) => subject.description).join('; ')}`,
      '',
      'Personal data:',
      ...activity.dataCategories.map((category) => `- ${category.description} (${category.columns.join(', ')})`),
      '',
      'Legal basis:',
      ...activity.legalBases.map((basis) => `- ${basis.article}. For: ${basis.purposes.join('; ')}`),
      '',
      'Retention:',
      ...activity.retention.map((rule) => `- ${rule.description}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
