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
      company: personal({ category: 'identity', purpose: 'Orders and invoices for a company', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      address_line1: personal({ category: 'contact', purpose: 'Billing address', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      address_line2: personal({ category: 'contact', purpose: 'Billing address', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      postal_code: personal({ category: 'contact', purpose: 'Billing address', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      city: personal({ category: 'contact', purpose: 'Billing address', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      country_code: personal({ category: 'contact', purpose: 'Billing address and VAT', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      phone: personal({ category: 'contact', purpose: 'Reaching the customer about an order', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      custom_fields: personal({ category: 'identity', purpose: "Answers to the site owner's registration questions", legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      kind: personal({ category: 'account', purpose: 'Customer or staff', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'none' }),
      staff_role: personal({ category: 'account', purpose: 'Staff permissions', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      status: personal({ category: 'account', purpose: 'Whether the account may sign in', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'none' }),
      privacy_notice_version: personal({ category: 'consent', purpose: 'Which privacy notice the person was shown at registration', legalBasis: 'legal-obligation', retention: 'account-lifetime', erasure: 'none' }),
      activated_at: personal({ category: 'account', purpose: 'Proof the address was confirmed', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
      last_login_at: personal({ category: 'behaviour', purpose: 'Shown to the person; security', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'anonymize' }),
      password_changed_at: personal({ category: 'credentials', purpose: 'Security history', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'anonymize' }),
      created_at: personal({ category: 'account', purpose: 'Account history', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'none' }),
      updated_at: personal({ category: 'account', purpose: 'Account history', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'none' }),
    },
  },

  account_tokens: {
    purpose: 'Single-use activation, password-reset, e-mail-change and staff-invitation links (hashes only)',
    subjectColumn: 'user_id',
    columns: {
      id: plain(),
      user_id: personal({ category: 'credentials', purpose: 'Whose link this is', legalBasis: 'contract', retention: 'token-lifetime', erasure: 'delete' }),
      purpose: plain(),
      token_sha256: personal({ category: 'credentials', purpose: 'Recognising the link; the token itself is never stored', legalBasis: 'contract', retention: 'token-lifetime', erasure: 'delete' }),
      new_email: personal({ category: 'contact', purpose: 'The new login address of a requested e-mail change, until confirmed', legalBasis: 'contract', retention: 'token-lifetime', erasure: 'delete' }),
      expires_at: plain(),
      used_at: plain(),
      created_at: plain(),
    },
  },

  sessions: {
    purpose: 'Signed-in sessions, checked on every request; the sign-ins shown in My Account',
    subjectColumn: 'user_id',
    columns: {
      id: plain(),
      token_sha256: personal({ category: 'credentials', purpose: 'Recognising the session; the id in the cookie is never stored', legalBasis: 'contract', retention: 'session-history', erasure: 'delete' }),
      user_id: personal({ category: 'account', purpose: 'Whose session this is', legalBasis: 'contract', retention: 'session-history', erasure: 'delete' }),
      remember: personal({ category: 'account', purpose: '"Keep me signed in" choice', legalBasis: 'contract', retention: 'session-history', erasure: 'delete' }),
      created_at: personal({ category: 'behaviour', purpose: 'Sign-in time, shown to the person', legalBasis: 'legitimate-interest', retention: 'session-history', erasure: 'delete' }),
      last_seen_at: personal({ category: 'behaviour', purpose: 'Idle timeout', legalBasis: 'contract', retention: 'session-history', erasure: 'delete' }),
      expires_at: plain(),
      ip: personal({ category: 'network', purpose: 'Security: shown to the person with their sign-ins', legalBasis: 'legitimate-interest', retention: 'session-history', erasure: 'delete' }),
      browser: personal({ category: 'network', purpose: 'Shown to the person with their sign-ins', legalBasis: 'legitimate-interest', retention: 'session-history', erasure: 'delete' }),
      os: personal({ category: 'network', purpose: 'Shown to the person with their sign-ins', legalBasis: 'legitimate-interest', retention: 'session-history', erasure: 'delete' }),
      country: personal({ category: 'network', purpose: 'Shown to the person with their sign-ins', legalBasis: 'legitimate-interest', retention: 'session-history', erasure: 'delete' }),
      ended_at: plain(),
      end_reason: plain(),
    },
  },

  consent_ledger: {
    purpose: 'Proof of every consent given or withdrawn (art. 7(1)); append-only',
    subjectColumn: 'subject_user_id',
    columns: {
      id: plain(),
      subject_user_id: personal({ category: 'consent', purpose: 'Who consented', legalBasis: 'legal-obligation', retention: 'consent-proof', erasure: 'anonymize' }),
      purpose: personal({ category: 'consent', purpose: 'What the consent was for', legalBasis: 'legal-obligation', retention: 'consent-proof', erasure: 'none' }),
      action: personal({ category: 'consent', purpose: 'Given or withdrawn', legalBasis: 'legal-obligation', retention: 'consent-proof', erasure: 'none' }),
      text_version: plain('Version of the site text shown'),
      text_sha256: plain('Hash of the exact text shown'),
      ip: personal({ category: 'network', purpose: 'Where the consent was given from', legalBasis: 'legal-obligation', retention: 'consent-proof', erasure: 'anonymize' }),
      created_at: personal({ category: 'consent', purpose: 'When', legalBasis: 'legal-obligation', retention: 'consent-proof', erasure: 'none' }),
    },
  },

  activity_events: {
    purpose: "Searches, previews, comp downloads and sign-ins; a guest's rows carry no identity",
    subjectColumn: 'subject_user_id',
    columns: {
      id: plain(),
      kind: plain(),
      subject_user_id: personal({ category: 'behaviour', purpose: 'Whose activity (null for guests)', legalBasis: 'legitimate-interest', retention: 'activity', erasure: 'delete' }),
      image_id: personal({ category: 'behaviour', purpose: 'Which image was viewed or downloaded', legalBasis: 'legitimate-interest', retention: 'activity', erasure: 'delete' }),
      search_query: personal({ category: 'behaviour', purpose: 'Search history shown to the person; improving the catalog', legalBasis: 'legitimate-interest', retention: 'activity', erasure: 'delete' }),
      search_filters: personal({ category: 'behaviour', purpose: 'Search history', legalBasis: 'legitimate-interest', retention: 'activity', erasure: 'delete' }),
      ip: personal({ category: 'network', purpose: 'Country (territories, language); guests: truncated to /24 or /48', legalBasis: 'legitimate-interest', retention: 'login-ip', erasure: 'delete' }),
      browser: personal({ category: 'network', purpose: 'Sign-in history', legalBasis: 'legitimate-interest', retention: 'activity', erasure: 'delete' }),
      os: personal({ category: 'network', purpose: 'Sign-in history', legalBasis: 'legitimate-interest', retention: 'activity', erasure: 'delete' }),
      country: personal({ category: 'network', purpose: 'Territory restrictions, interface language', legalBasis: 'legitimate-interest', retention: 'activity', erasure: 'delete' }),
      created_at: personal({ category: 'behaviour', purpose: 'When', legalBasis: 'legitimate-interest', retention: 'activity', erasure: 'delete' }),
    },
  },

  audit_trail: {
    purpose: "Who did what to whose data, when and why (art. 5(2) accountability); hash-chained, append-only, ids and field names only",
    subjectColumn: 'subject_user_id',
    columns: {
      id: plain('Position in the hash chain'),
      occurred_at: personal({ category: 'behaviour', purpose: 'When the action happened', legalBasis: 'legitimate-interest', retention: 'audit-retention', erasure: 'none' }),
      actor_user_id: personal({ category: 'staff', purpose: 'Who acted: the customer, a staff member, or null for the system', legalBasis: 'legitimate-interest', retention: 'audit-retention', erasure: 'none' }),
      actor_kind: plain('Customer, staff or system'),
      action: plain('What was done, a fixed name such as account.profile-updated'),
      subject_user_id: personal({ category: 'account', purpose: "Whose data the entry is about, by id only; kept after erasure as proof of what was done", legalBasis: 'legitimate-interest', retention: 'audit-retention', erasure: 'none' }),
      object_type: plain('Kind of object acted on'),
      object_id: plain('Id of the object acted on; never a personal value'),
      client_ip: personal({ category: 'network', purpose: 'Where the action came from (security)', legalBasis: 'legitimate-interest', retention: 'audit-retention', erasure: 'none' }),
      purpose: plain("Why staff opened a customer's data; chosen by staff, about the task, not the person"),
      details: plain('Names of changed fields and other non-personal facts; never personal values (lib/audit/record-audit-entry.ts)'),
      prev_hash: plain('SHA-256 of the previous entry'),
      hash: plain('SHA-256 of this entry and prev_hash'),
    },
  },

  staff_factors: {
    purpose: "Staff members' second factors: PIN hash and sealed TOTP secret",
    subjectColumn: 'user_id',
    columns: {
      user_id: personal({ category: 'staff', purpose: 'Whose factors these are', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'delete' }),
      pin_hash: personal({ category: 'credentials', purpose: 'Second factor at staff sign-in (bcrypt)', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'delete' }),
      pin_changed_at: personal({ category: 'credentials', purpose: 'Security history', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'delete' }),
      totp_secret_sealed: personal({ category: 'credentials', purpose: 'Checking time-based codes (AES-256-GCM under the data key)', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'delete' }),
      totp_key_id: plain('Which data key sealed the secret, for key rotation'),
      totp_enrolled_at: personal({ category: 'credentials', purpose: 'Whether and when the authenticator was enrolled', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'delete' }),
      totp_last_used_step: plain('The last accepted 30-second step, so no code is accepted twice'),
      updated_at: plain(),
    },
  },

  staff_recovery_codes: {
    purpose: 'Single-use recovery codes for staff who lose their authenticator (keyed hashes only)',
    subjectColumn: 'user_id',
    columns: {
      id: plain(),
      user_id: personal({ category: 'staff', purpose: 'Whose code this is', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'delete' }),
      code_hash: personal({ category: 'credentials', purpose: 'Recognising a recovery code; the code itself is never stored', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'delete' }),
      used_at: plain(),
      created_at: plain(),
    },
  },

  staff_allowlist: {
    purpose: 'Addresses staff may sign in and work from (site-wide, per role, per account)',
    columns: {
      id: plain(),
      scope: plain(),
      role: plain(),
      user_id: personal({ category: 'staff', purpose: 'The staff account an entry applies to', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'delete' }),
      network: plain("The shop's own office or VPN networks, chosen by an admin"),
      label: plain('What the network is, in the admin\'s words'),
      created_by: personal({ category: 'staff', purpose: 'Who added the entry', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'anonymize' }),
      created_at: plain(),
    },
  },

  ip_blocks: {
    purpose: 'Blocked addresses: automatic after repeated failures, and the deny list',
    columns: {
      id: plain(),
      network: plain('An address or range refused (security); tied to no account, so no person can be found by it; rows end with the block'),
      source: plain(),
      reason: plain('Why, in fixed words or the admin\'s words about the address'),
      blocked_until: plain(),
      created_by: personal({ category: 'staff', purpose: 'Who blocked the address', legalBasis: 'legitimate-interest', retention: 'access-log', erasure: 'anonymize' }),
      created_at: plain(),
      lifted_at: plain(),
      lifted_by: personal({ category: 'staff', purpose: 'Who lifted the block', legalBasis: 'legitimate-interest', retention: 'access-log', erasure: 'anonymize' }),
    },
  },

  access_log: {
    purpose: 'Every sign-in attempt and every refused staff request (security); the person sees the attempts on their account',
    subjectColumn: 'user_id',
    columns: {
      id: plain(),
      occurred_at: personal({ category: 'behaviour', purpose: 'When the attempt was made', legalBasis: 'legitimate-interest', retention: 'access-log', erasure: 'delete' }),
      kind: plain(),
      step: plain(),
      outcome: plain(),
      user_id: personal({ category: 'account', purpose: 'The account the attempt matched, if any', legalBasis: 'legitimate-interest', retention: 'access-log', erasure: 'delete' }),
      target: plain('The staff page or action refused; never a query string'),
      ip: personal({ category: 'network', purpose: 'Security: where the attempt came from', legalBasis: 'legitimate-interest', retention: 'access-log', erasure: 'delete' }),
      browser: personal({ category: 'network', purpose: 'Shown with the attempt', legalBasis: 'legitimate-interest', retention: 'access-log', erasure: 'delete' }),
      os: personal({ category: 'network', purpose: 'Shown with the attempt', legalBasis: 'legitimate-interest', retention: 'access-log', erasure: 'delete' }),
      country: personal({ category: 'network', purpose: 'Shown with the attempt', legalBasis: 'legitimate-interest', retention: 'access-log', erasure: 'delete' }),
    },
  },

  throttle_counters: {
    purpose: 'Counting attempts to throttle brute force; keys are keyed hashes',
    columns: {
      scope: plain(),
      key_hash: plain('HMAC of an e-mail or IP with the site secret; not reversible without it; kept one day'),
      window_start: plain(),
      hits: plain(),
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
      derived_style: plain('Hash of the watermark settings the derivatives were rendered with'),
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

  lightboxes: {
    purpose: "Customers' and guests' collections of images",
    subjectColumn: 'owner_user_id',
    columns: {
      id: plain(),
      owner_user_id: personal({ category: 'behaviour', purpose: 'Whose lightbox this is', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      guest_key: personal({ category: 'behaviour', purpose: "A guest's lightbox: hash of the anonymous visitor cookie", legalBasis: 'legitimate-interest', retention: 'guest-visit', erasure: 'delete' }),
      name: personal({ category: 'behaviour', purpose: 'Name the person gave the lightbox', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      position: plain(),
      is_active: plain(),
      created_at: personal({ category: 'behaviour', purpose: 'When the lightbox was made', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      updated_at: personal({ category: 'behaviour', purpose: 'Last change; guest lightboxes expire after it', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
    },
  },

  lightbox_items: {
    purpose: "Images in a lightbox, with the owner's note",
    subjectVia: { column: 'lightbox_id', parentTable: 'lightboxes', parentColumn: 'id' },
    columns: {
      lightbox_id: plain('Belongs to its lightbox; erased with it'),
      image_id: personal({ category: 'behaviour', purpose: 'Which image the person kept', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      note: personal({ category: 'behaviour', purpose: "The person's note on the image", legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      position: plain(),
      added_at: personal({ category: 'behaviour', purpose: 'When the image was added', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
    },
  },

  shares: {
    purpose: 'Lightboxes and images sent by mail; the recipients are third parties',
    subjectColumn: 'sender_user_id',
    columns: {
      id: plain(),
      sender_user_id: personal({ category: 'communication', purpose: 'Who sent the share', legalBasis: 'contract', retention: 'share-link', erasure: 'delete' }),
      lightbox_id: plain(),
      image_id: plain(),
      recipient_email: personal({ category: 'contact', purpose: "The recipient's address (a third party), shown to the sender", legalBasis: 'legitimate-interest', retention: 'share-link', erasure: 'delete' }),
      message: personal({ category: 'communication', purpose: "The sender's message", legalBasis: 'contract', retention: 'share-link', erasure: 'delete' }),
      token_sha256: personal({ category: 'credentials', purpose: 'Recognising the link; the token itself is never stored', legalBasis: 'contract', retention: 'share-link', erasure: 'delete' }),
      created_at: personal({ category: 'communication', purpose: 'When the share was sent', legalBasis: 'contract', retention: 'share-link', erasure: 'delete' }),
      expires_at: plain(),
      last_opened_at: personal({ category: 'behaviour', purpose: 'When the recipient last opened the link, shown to the sender', legalBasis: 'legitimate-interest', retention: 'share-link', erasure: 'delete' }),
      open_count: personal({ category: 'behaviour', purpose: 'How often the link was opened, shown to the sender', legalBasis: 'legitimate-interest', retention: 'share-link', erasure: 'delete' }),
      revoked_at: plain(),
    },
  },

  carts: {
    purpose: 'The order still in progress of a customer or a guest',
    subjectColumn: 'owner_user_id',
    columns: {
      id: plain(),
      owner_user_id: personal({ category: 'behaviour', purpose: 'Whose cart this is', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      guest_key: personal({ category: 'behaviour', purpose: "A guest's cart: hash of the anonymous visitor cookie", legalBasis: 'legitimate-interest', retention: 'guest-visit', erasure: 'delete' }),
      created_at: plain(),
      updated_at: personal({ category: 'behaviour', purpose: 'Last change; guest carts expire after it', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
    },
  },

  cart_items: {
    purpose: 'Images and size tiers in a cart',
    subjectVia: { column: 'cart_id', parentTable: 'carts', parentColumn: 'id' },
    columns: {
      cart_id: plain('Belongs to its cart; erased with it'),
      image_id: personal({ category: 'behaviour', purpose: 'Which image the person means to buy', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      tier: personal({ category: 'behaviour', purpose: 'Which size', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      added_at: personal({ category: 'behaviour', purpose: 'When it was added', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
    },
  },

  customer_terms: {
    purpose: 'What staff agreed with a customer: approval, payment terms, prices',
    subjectColumn: 'user_id',
    columns: {
      user_id: personal({ category: 'account', purpose: 'Whose terms these are', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'delete' }),
      download_without_approval: personal({ category: 'account', purpose: 'Orders need no approval', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'delete' }),
      may_pay_later: personal({ category: 'account', purpose: 'Downloads before payment', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'delete' }),
      price_list_id: personal({ category: 'account', purpose: 'Agreed price list', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'delete' }),
      discount_basis_points: personal({ category: 'account', purpose: 'Agreed discount', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'delete' }),
      updated_at: plain(),
      updated_by: personal({ category: 'staff', purpose: 'Which staff member set the terms', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'anonymize' }),
    },
  },

  vat_rates: {
    purpose: 'VAT rates per EU country',
    columns: {
      country_code: plain(),
      country_name: plain(),
      rate_basis_points: plain(),
      updated_at: plain(),
      updated_by: personal({ category: 'staff', purpose: 'Which staff member changed the rate', legalBasis: 'legitimate-interest', retention: 'account-lifetime', erasure: 'anonymize' }),
    },
  },

  orders: {
    purpose: 'Submitted orders with the billing snapshot taken at checkout',
    subjectColumn: 'customer_user_id',
    columns: {
      id: plain(),
      number: plain(),
      customer_user_id: personal({ category: 'account', purpose: 'Who ordered', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      idempotency_key: plain('Random per checkout form; carries nothing about the person'),
      status: plain(),
      currency: plain(),
      billing_name: personal({ category: 'identity', purpose: 'Buyer name', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      billing_company: personal({ category: 'identity', purpose: 'Buyer company', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      billing_email: personal({ category: 'contact', purpose: 'Order mail', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      billing_address_line1: personal({ category: 'contact', purpose: 'Billing address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      billing_address_line2: personal({ category: 'contact', purpose: 'Billing address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      billing_postal_code: personal({ category: 'contact', purpose: 'Billing address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      billing_city: personal({ category: 'contact', purpose: 'Billing address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      billing_country_code: personal({ category: 'contact', purpose: 'Billing country: VAT place of supply', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      billing_vat_number: personal({ category: 'identity', purpose: 'Reverse charge', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      vat_treatment: plain(),
      ip_country_code: personal({ category: 'network', purpose: 'Second piece of location evidence for VAT (country only, no address)', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      location_mismatch: plain('Billing and IP country differ; flagged to staff'),
      licence_terms_version: plain(),
      licence_accepted_at: personal({ category: 'consent', purpose: 'When the buyer accepted the licence terms', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      payment_method: plain(),
      net_total_minor: plain(),
      vat_total_minor: plain(),
      gross_total_minor: plain(),
      rejection_reason: personal({ category: 'communication', purpose: 'Why staff rejected the order, mailed to the buyer', legalBasis: 'contract', retention: 'tax-record', erasure: 'legal-hold' }),
      submitted_at: plain(),
      updated_at: plain(),
    },
  },

  order_lines: {
    purpose: 'The licences of an order',
    subjectVia: { column: 'order_id', parentTable: 'orders', parentColumn: 'id' },
    columns: {
      id: plain(),
      order_id: plain('Belongs to its order'),
      position: plain(),
      image_id: plain(),
      image_title: plain(),
      licence_model: plain(),
      tier: plain(),
      width_px: plain(),
      height_px: plain(),
      list_price_minor: plain(),
      discount_minor: plain(),
      net_minor: plain(),
      vat_rate_basis_points: plain(),
      vat_minor: plain(),
    },
  },

  order_events: {
    purpose: 'State changes of an order, shown to the buyer and staff',
    subjectVia: { column: 'order_id', parentTable: 'orders', parentColumn: 'id' },
    columns: {
      id: plain(),
      order_id: plain('Belongs to its order'),
      status: plain(),
      note: personal({ category: 'communication', purpose: 'Reason given with the change (e.g. a rejection)', legalBasis: 'contract', retention: 'tax-record', erasure: 'legal-hold' }),
      actor_user_id: personal({ category: 'staff', purpose: 'Which staff member changed the state', legalBasis: 'legitimate-interest', retention: 'tax-record', erasure: 'anonymize' }),
      occurred_at: plain(),
    },
  },

  invoice_counters: {
    purpose: 'The last number issued per invoice series and year',
    columns: {
      series: plain(),
      year: plain(),
      last_number: plain(),
    },
  },

  invoices: {
    purpose: 'Issued invoices and credit notes, immutable; buyer details as at issue',
    subjectColumn: 'customer_user_id',
    columns: {
      id: plain(),
      kind: plain(),
      series: plain(),
      year: plain(),
      sequence: plain(),
      number: plain(),
      order_id: plain(),
      customer_user_id: personal({ category: 'account', purpose: 'The buyer', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      credited_invoice_id: plain(),
      issued_at: plain(),
      issue_date: plain(),
      due_date: plain(),
      seller_name: plain('The shop'),
      seller_address: plain('The shop'),
      seller_country_code: plain(),
      seller_vat_number: plain(),
      buyer_name: personal({ category: 'identity', purpose: 'Buyer name (art. 226 VAT Directive)', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      buyer_company: personal({ category: 'identity', purpose: 'Buyer company', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      buyer_email: personal({ category: 'contact', purpose: 'Where the invoice was sent', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      buyer_address_line1: personal({ category: 'contact', purpose: 'Buyer address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      buyer_address_line2: personal({ category: 'contact', purpose: 'Buyer address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      buyer_postal_code: personal({ category: 'contact', purpose: 'Buyer address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      buyer_city: personal({ category: 'contact', purpose: 'Buyer address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      buyer_country_code: personal({ category: 'contact', purpose: 'Buyer address', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      buyer_vat_number: personal({ category: 'identity', purpose: 'Reverse charge (art. 226(4))', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      currency: plain(),
      vat_treatment: plain(),
      vat_note: plain(),
      licence_terms_version: plain(),
      net_total_minor: plain(),
      vat_total_minor: plain(),
      gross_total_minor: plain(),
      reason: plain('Why a credit note was issued; about the order, not the person'),
    },
  },

  invoice_lines: {
    purpose: 'Lines of invoices and credit notes, immutable',
    subjectVia: { column: 'invoice_id', parentTable: 'invoices', parentColumn: 'id' },
    columns: {
      invoice_id: plain(),
      position: plain(),
      description: plain('Image title, tier and licence'),
      image_id: plain(),
      tier: plain(),
      width_px: plain(),
      height_px: plain(),
      net_minor: plain(),
      vat_rate_basis_points: plain(),
      vat_minor: plain(),
    },
  },

  invoice_payments: {
    purpose: 'Payments staff registered against invoices',
    subjectVia: { column: 'invoice_id', parentTable: 'invoices', parentColumn: 'id' },
    columns: {
      id: plain(),
      invoice_id: plain(),
      paid_on: plain(),
      amount_minor: plain(),
      method: plain(),
      reference: personal({ category: 'identity', purpose: 'Bank reference as given by the payer (may name them)', legalBasis: 'legal-obligation', retention: 'tax-record', erasure: 'legal-hold' }),
      registered_by: personal({ category: 'staff', purpose: 'Which staff member registered the payment', legalBasis: 'legitimate-interest', retention: 'tax-record', erasure: 'anonymize' }),
      registered_at: plain(),
    },
  },

  invoice_reminders: {
    purpose: 'Overdue reminders sent',
    subjectVia: { column: 'invoice_id', parentTable: 'invoices', parentColumn: 'id' },
    columns: {
      invoice_id: plain(),
      level: plain(),
      sent_at: plain(),
    },
  },

  licence_downloads: {
    purpose: "Every download of a purchased file, alone (kind 'file') or in an order's ZIP (kind 'bundle', one row per file in it) (proof of delivery)",
    subjectColumn: 'customer_user_id',
    columns: {
      id: plain(),
      customer_user_id: personal({ category: 'behaviour', purpose: 'Who downloaded', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
      order_id: plain(),
      order_line_id: plain(),
      kind: plain(),
      ip: personal({ category: 'network', purpose: 'Where the download came from (security)', legalBasis: 'legitimate-interest', retention: 'login-ip', erasure: 'delete' }),
      downloaded_at: personal({ category: 'behaviour', purpose: 'When', legalBasis: 'contract', retention: 'licence-proof', erasure: 'delete' }),
    },
  },

  download_bundles: {
    purpose: 'ZIP files of purchased images built for their buyer',
    subjectColumn: 'customer_user_id',
    columns: {
      id: plain(),
      customer_user_id: personal({ category: 'behaviour', purpose: 'Whose bundle this is', legalBasis: 'contract', retention: 'download-bundle', erasure: 'delete' }),
      order_id: plain(),
      status: plain(),
      storage_key: plain('Random storage key; never leaves the server'),
      bytes: plain(),
      created_at: plain(),
      ready_at: plain(),
      expires_at: plain(),
    },
    valuesNotShown: ['storage_key'],
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
  'mail.purge': {},
  'accounts.purge-unactivated': {},
  'throttle.purge': {},
  'media.sweep-orphans': {},
  'audit.remove-expired': {},
  'security.purge-access-log': {},
  'shares.remove-expired': {},
  'visitors.remove-stale': {},
  'media.rerender-derivatives': {},
  'invoices.send-reminders': {},
  'downloads.build-bundle': { bundleId: plain('download_bundles.id; the worker reads the buyer and the order from the row') },
  'downloads.remove-expired-bundles': {},
} as const;
