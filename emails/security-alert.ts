import { z } from 'zod';
import { renderLayout, type TEmailBlock } from './layout';
import { defineEmail, type TEmailContext } from './types';

const occurredAtFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/**
 * Facts about the event, as names and short texts (an address, a time, a count). They only go
 * into the body, never into the subject or another header, and every control character becomes a
 * space, so a line break in a fact (an admin's label, say) can neither add a header nor fake a line.
 */
export const ZSecurityFacts = z
  .record(z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/), z.string().max(500))
  .refine((facts) => Object.keys(facts).length <= 20, 'At most 20 facts');

const ZSecurityAlert = z.strictObject({ occurredAt: z.date(), facts: ZSecurityFacts });

/** How the facts are introduced, in the order they are listed; other facts follow under their own names. */
const FACT_LABELS: Record<string, string> = {
  account: 'Staff account',
  address: 'From address',
  network: 'Network',
  until: 'Until',
  failures: 'Failed attempts',
  windowMinutes: 'Within (minutes)',
  change: 'Change',
  changes: 'Changed',
  scope: 'Applies to',
  label: 'Label',
  changedBy: 'Changed by',
  reason: 'Reason',
};

const flatten = (value: string) => value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').trim();

type TSecurityAlertText = { subject: string; heading: string; summary: string; advice: string };

function securityAlert(texts: (context: TEmailContext) => TSecurityAlertText) {
  return defineEmail({
    schema: ZSecurityAlert,
    render: (data, context) => {
      const text = texts(context);
      const known = Object.keys(FACT_LABELS).filter((key) => key in data.facts);
      const others = Object.keys(data.facts).filter((key) => !(key in FACT_LABELS)).sort();
      const facts: TEmailBlock[] = [...known, ...others].map((key) => ({
        kind: 'paragraph',
        text: `${FACT_LABELS[key] ?? key}: ${flatten(data.facts[key] ?? '') || '(none)'}`,
      }));
      return renderLayout(context, {
        subject: text.subject,
        preheader: text.summary,
        heading: text.heading,
        blocks: [
          { kind: 'paragraph', text: text.summary },
          { kind: 'paragraph', text: `When: ${occurredAtFormat.format(data.occurredAt)} UTC` },
          ...facts,
          { kind: 'paragraph', text: `What to do: ${text.advice}` },
          { kind: 'note', text: `This is an automatic security message to the security address of ${context.siteName}. Similar messages are held back for a while so that an attack does not flood this mailbox.` },
        ],
      });
    },
  });
}

export const securityIpBlocked = securityAlert((context) => ({
  subject: `${context.siteName} security: an address was blocked after failed sign-ins`,
  heading: 'An address was blocked',
  summary: 'Too many sign-in attempts with a wrong e-mail address or password came from one address, so sign-ins from it are refused for a while.',
  advice:
    'Usually nothing: the block ends by itself. If the address belongs to your team or a customer who simply forgot a password, lift the block in the back office (Security, Blocked addresses). Look at the access log for that address to see what was tried.',
}));

export const securityStaffNewAddress = securityAlert((context) => ({
  subject: `${context.siteName} security: a staff member signed in from a new address`,
  heading: 'A staff sign-in from a new address',
  summary: 'A staff account signed in, with all its factors, from an address it had not signed in from before.',
  advice:
    'Ask the staff member whether it was them. If it was not, disable the account or reset its password and factors in the back office, and look at the access log for the address.',
}));

export const securityFactorFailures = securityAlert((context) => ({
  subject: `${context.siteName} security: repeated wrong PINs or codes on a staff account`,
  heading: 'Repeated wrong PINs or codes',
  summary: 'Someone who knew the password of a staff account entered a wrong PIN or authenticator code several times.',
  advice:
    'Ask the staff member whether it was them. If it was not, the password is known to someone else: reset the password and factors of the account in the back office and look at the access log for the address.',
}));

export const securityFactorsReset = securityAlert((context) => ({
  subject: `${context.siteName} security: a staff member's sign-in factors were reset`,
  heading: 'Sign-in factors were reset',
  summary: "A staff account's PIN and authenticator were reset; the account sets them up again at its next sign-in.",
  advice: 'If nobody on your team meant to do this, check the audit trail and the access log now, and disable the account until you know more.',
}));

export const securitySettingChanged = securityAlert((context) => ({
  subject: `${context.siteName} security: a security setting was changed`,
  heading: 'A security setting was changed',
  summary: 'Someone in the back office changed the security policy: who may sign in from where, or how sign-ins are checked and reported.',
  advice: 'If nobody on your team meant to make this change, undo it in the back office and check the audit trail for who made it.',
}));
