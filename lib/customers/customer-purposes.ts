import { z } from 'zod';

/**
 * Why a staff member opens a customer's data (GDPR art. 5(1)(b), purpose limitation): one of
 * these, or 'other' with a short text. The label goes into the audit trail with the opening.
 */
export const customerPurposes = {
  order: 'Order or invoice question',
  'data-subject-request': 'Data-subject request',
  'sign-in-problem': 'Account or sign-in problem',
  'fraud-check': 'Fraud or security check',
  other: 'Other',
} as const;

export type TCustomerPurposeKey = keyof typeof customerPurposes;

export const ZCustomerPurpose = z
  .object({
    purpose: z.enum(Object.keys(customerPurposes) as [TCustomerPurposeKey, ...TCustomerPurposeKey[]], { error: 'Choose why you open this customer.' }),
    otherPurpose: z.string().trim().max(200, 'Keep it under 200 characters.').default(''),
  })
  .superRefine((form, context) => {
    if (form.purpose === 'other' && form.otherPurpose.length < 5) {
      context.addIssue({ code: 'custom', path: ['otherPurpose'], message: 'Say in a few words why you open this customer.' });
    }
  })
  .transform((form) => (form.purpose === 'other' ? `Other: ${form.otherPurpose}` : customerPurposes[form.purpose]));

/** The purpose as recorded: a fixed label, or "Other: <text>". */
export const ZPurposeText = z.string().trim().min(1).max(210);
