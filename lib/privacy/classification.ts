/**
 * The vocabulary of the personal-data map. Export, erasure and retention are driven from
 * these classifications, so each value is something code can act on, not prose.
 */

export const dataCategories = {
  identity: 'Who the person is: name, company',
  contact: 'How to reach the person: e-mail, address, phone',
  credentials: 'Secrets that prove identity: password hashes, token hashes',
  account: 'Account state: status, role, timestamps',
  behaviour: 'What the person did on the site: searches, views, downloads',
  network: 'IP address, browser, operating system, country',
  consent: 'Consents given and withdrawn, with the text shown',
  communication: 'Messages sent to or by the person',
  contributor: 'Names of photographers and agencies credited for images',
  staff: 'References to the staff member who made a change',
} as const;

export const legalBases = {
  contract: 'Art. 6(1)(b): needed to perform the contract with the person',
  consent: 'Art. 6(1)(a): the person consented',
  'legal-obligation': 'Art. 6(1)(c): required by law (tax, accounting)',
  'legitimate-interest': 'Art. 6(1)(f): legitimate interest (security, fraud prevention, attribution)',
} as const;

/** What erasure of the subject does to the column. */
export const erasureActions = {
  delete: 'The row is deleted',
  anonymize: 'The value is replaced with a neutral placeholder; the row stays',
  'legal-hold': 'Kept while the law requires, then redacted automatically',
  none: 'Nothing to erase',
} as const;

/**
 * Retention rules; the site owner adjusts the days in a later issue, these are the defaults.
 * `guestDays`: the shorter period for a guest's rows (those whose subject column is null).
 */
export const retentionRules = {
  'account-lifetime': { days: null, description: 'As long as the account exists' },
  'catalog-lifetime': { days: null, description: 'As long as the image is in the catalog' },
  'mail-until-delivered': { days: 30, description: 'Message content until delivered; the delivery record 30 days' },
  'token-lifetime': { days: 7, description: 'Until used or expired, then 7 days' },
  'session-history': { days: 90, description: 'While the session lasts, then 90 days as sign-in history' },
  'consent-proof': { days: null, description: 'As long as the account exists and the consent can be disputed' },
  activity: { days: 365, guestDays: 30, description: 'Customers 12 months; guests 30 days' },
  'login-ip': { days: 180, guestDays: 30, description: 'IP addresses 6 months; guests 30 days' },
  'access-log': { days: 180, description: 'Sign-in attempts and refused staff requests 6 months, then removed by a daily job' },
  'audit-retention': { days: 730, description: 'Audit trail entries 2 years, then removed by the retention job (audit_trail_remove_before)' },
  'guest-visit': { days: 30, description: "A guest's lightbox and cart: 30 days after their last change, then removed by a daily job" },
  'share-link': { days: 30, description: 'Shares: until the link expires or is revoked, then 30 days as a record for the sender, then removed by a daily job' },
  'licence-proof': { days: null, description: 'Lightboxes, carts and download records: as long as the account exists' },
  'tax-record': {
    days: 3650,
    description: "Orders, invoices, credit notes and payments: 10 years after issue (tax and accounting law), then the buyer's name, address and other billing details on them are redacted by the retention job; numbers, dates, lines and amounts never change",
  },
  'not-applicable': { days: null, description: 'Holds no personal data' },
  'download-bundle': {
    days: null,
    description: "A ZIP of an order's files and its record: until its link expires (7 days after it is ready), then removed with its file by a daily job",
  },
  'request-record': {
    days: 1095,
    description: 'A data-protection request and what was done: 3 years after it was closed, as proof that it was answered, then removed by a daily job; erasure of the person blanks their contact details and words at once',
  },
  'erasure-proof': {
    days: null,
    description: 'The id of an erased account (never a name or address): kept so that erasure is applied again when a backup is restored',
  },
  'data-export': {
    days: null,
    description: 'A "Download my data" ZIP and its record: until it expires (7 days after it is ready), then removed with its file by a daily job',
  },
  'cookie-consent-proof': {
    days: 390,
    description:
      "The anonymous consent id of a visitor's cookie choice (no account): 13 months, the longest a choice is asked for again plus time to answer a complaint, then blanked by a daily job (consent_ledger_deidentify_guests_before); the choice itself stays without it. A customer's choices are kept as consent proof",
  },
} as const;

export type TDataCategory = keyof typeof dataCategories;
export type TLegalBasis = keyof typeof legalBases;
export type TErasureAction = keyof typeof erasureActions;
export type TRetentionRule = keyof typeof retentionRules;

export type TPersonalColumn = {
  personal: true;
  category: TDataCategory;
  purpose: string;
  legalBasis: TLegalBasis;
  retention: TRetentionRule;
  erasure: TErasureAction;
};

export type TPlainColumn = { personal: false; note?: string };

export type TColumnClassification = TPersonalColumn | TPlainColumn;

export type TTableEntry = {
  purpose: string;
  /** The column that links a row to its data subject (a user id), when rows belong to a person. */
  subjectColumn?: string;
  /**
   * For rows that belong to a parent row (lines of an order, items of a lightbox): the column that
   * points at the parent, whose own subject column names the person. Export and erasure follow it.
   */
  subjectVia?: { column: string; parentTable: string; parentColumn: string };
  columns: Record<string, TColumnClassification>;
  /**
   * When a row's retention period starts: the first of these columns that is not null (a session
   * counts from its end, or its expiry when it was never ended). Needed by tables whose rules are
   * applied by lib/privacy/apply-retention.ts.
   */
  retentionClock?: readonly string[];
  /** Plain columns whose values never leave the server (storage keys): My data says they are stored, never what they hold. */
  valuesNotShown?: readonly string[];
};

export const plain = (note?: string): TPlainColumn => ({ personal: false, note });

export const personal = (classification: Omit<TPersonalColumn, 'personal'>): TPersonalColumn => ({
  personal: true,
  ...classification,
});
