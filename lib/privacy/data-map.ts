import { personal, plain, type TTableEntry } from './classification';

/**
 * Every column of every table the application owns, classified. A test compares this map with
 * information_schema after the migrations: a column missing here, or an entry naming a column that
 * does not exist, fails the build. Add a column and its entry in the same commit.
 */
export const personalDataMap = {
  users: {
    purpose: 'Customer and staff accounts',
    subjectColumn: 'id',
    columns: {
      id: plain('Subject id; random, carries nothing about the person'),
      email: personal({ category: 'contact', purpose: 'Login name and account mail', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      password_hash: personal({ category: 'credentials', purpose: 'Sign-in', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      full_name: personal({ category: 'identity', purpose: 'Addressing the customer, orders', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      kind: personal({ category: 'account', purpose: 'Customer or staff', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'none' }),
      staff_role: personal({ category: 'account', purpose: 'Staff permissions', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      status: personal({ category: 'account', purpose: 'Whether the account may sign in', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'none' }),
      activated_at: personal({ category: 'account', purpose: 'Proof the address was confirmed', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      created_at: personal({ category: 'account', purpose: 'Account history', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'none' }),
      updated_at: personal({ category: 'account', purpose: 'Account history', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'none' }),
    },
  },

  images: {
    purpose: 'The catalog offered for licensing',
    columns: {
      id: plain(),
      title: plain(),
      description: plain(),
      keywords: plain(),
      creator_name: personal({ category: 'contributor', purpose: 'Attribution of the photographer', legalBasis: 'legitimate-interest', retention: 'catalog-lifetime', erasure: 'anonymize' }),
      credit_line: personal({ category: 'contributor', purpose: 'Credit line printed with the image', legalBasis: 'legitimate-interest', retention: 'catalog-lifetime', erasure: 'anonymize' }),
      captured_on: plain('Date of the photograph, not of a person'),
      width: plain(),
      height: plain(),
      orientation: plain('Derived from width and height'),
      licence_model: plain(),
      price_list_id: plain(),
      model_release: plain('Release status only; the release document and the model are not stored'),
      people_count: plain('A count, identifies no one'),
      published: plain(),
      published_at: plain(),
      created_at: plain(),
      updated_at: plain(),
      search_vector: plain('Derived from title, keywords and description'),
    },
  },

  image_media: {
    purpose: 'Where the original and its derivatives are stored',
    columns: {
      image_id: plain(),
      original_key: plain('Random storage key; never leaves the server'),
      original_mime: plain(),
      original_bytes: plain(),
      original_sha256: plain(),
      thumb_key: plain(),
      thumb_width: plain(),
      thumb_height: plain(),
      preview_key: plain(),
      preview_width: plain(),
      preview_height: plain(),
      created_at: plain(),
    },
  },

  price_lists: {
    purpose: 'Royalty-free price lists',
    columns: { id: plain(), name: plain(), currency: plain(), created_at: plain() },
  },

  price_tiers: {
    purpose: 'Sizes and prices of a price list',
    columns: { price_list_id: plain(), tier: plain(), long_edge_px: plain(), price_minor: plain() },
  },

  mail_outbox: {
    purpose: 'Mail waiting for delivery, then its delivery record',
    subjectColumn: 'subject_user_id',
    columns: {
      id: plain(),
      template: plain('Which kind of message; no personal value'),
      subject_user_id: personal({ category: 'communication', purpose: 'Whose mail this is, for access and erasure', legalBasis: 'contract', retention: 'mail-until-delivered', erasure: 'delete' }),
      envelope: personal({ category: 'communication', purpose: 'Recipient, subject and body (encrypted), wiped once delivered', legalBasis: 'contract', retention: 'mail-until-delivered', erasure: 'delete' }),
      status: plain(),
      attempts: plain(),
      last_error: plain('SMTP error text; recipients are never written here'),
      created_at: plain(),
      sent_at: plain(),
    },
  },

  site_settings: {
    purpose: 'Settings chosen by the site owner',
    columns: {
      key: plain(),
      value: plain('Site settings; texts about the shop, not about people'),
      updated_at: plain(),
      updated_by: personal({ category: 'staff', purpose: 'Which staff member changed the setting', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'anonymize' }),
    },
  },
} satisfies Record<string, TTableEntry>;

/** Schemas owned by libraries. Their tables hold no personal values: jobs carry ids only (see jobPayloadMap). */
export const infrastructureSchemas = {
  drizzle: 'drizzle-orm migration journal (hashes and timestamps of applied migrations)',
  pgboss: 'pg-boss job queue; payloads are classified in jobPayloadMap',
} as const;

/** Every field of every job payload. A test checks the queue definitions against this list. */
export const jobPayloadMap = {
  'mail.deliver': { outboxId: plain('mail_outbox.id; the worker reads the encrypted envelope from the row') },
} as const;
