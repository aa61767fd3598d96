import { z } from 'zod';

export const privacyRequestKinds = ['access', 'export', 'rectification', 'erasure', 'restriction', 'objection'] as const;
export type TPrivacyRequestKind = (typeof privacyRequestKinds)[number];

export type TPrivacyRequestState = 'awaiting_identity' | 'awaiting_confirmation' | 'open' | 'cooling_off' | 'completed' | 'refused' | 'cancelled' | 'failed';

/** How the desk names a kind, with its article. */
export const privacyRequestKindLabels: Record<TPrivacyRequestKind, string> = {
  access: 'Access (art. 15)',
  export: 'Copy to take away (art. 20)',
  rectification: 'Rectification (art. 16)',
  erasure: 'Erasure (art. 17)',
  restriction: 'Restriction (art. 18)',
  objection: 'Objection (art. 21)',
};

/** What the person asked for, as the mails to them say it ("your request for …"). */
export const privacyRequestWhat: Record<TPrivacyRequestKind, string> = {
  access: 'access to your data',
  export: 'a copy of your data',
  rectification: 'the correction of your data',
  erasure: 'the erasure of your data',
  restriction: 'the restriction of the processing of your data',
  objection: 'an end to the processing of your data you objected to',
};

export const privacyRequestStateLabels: Record<TPrivacyRequestState, string> = {
  awaiting_identity: 'Awaiting identity check',
  awaiting_confirmation: 'Awaiting confirmation',
  open: 'Open',
  cooling_off: 'Cooling off',
  completed: 'Completed',
  refused: 'Refused',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export const CLOSED_STATES: readonly TPrivacyRequestState[] = ['completed', 'refused', 'cancelled'];

export const ZPrivacyRequestKind = z.enum(privacyRequestKinds, { error: 'Choose what the person asks for.' });
