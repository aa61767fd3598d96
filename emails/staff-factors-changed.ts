import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const changedAtFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

export const staffFactorChanges = ['pin-reset', 'authenticator-reset', 'own-pin-changed', 'own-recovery-codes-regenerated', 'own-authenticator-reset'] as const;

/** What happened, and what the staff member does next, for each change. */
const TEXTS: Record<(typeof staffFactorChanges)[number], { subject: string; what: string; next: string }> = {
  'pin-reset': {
    subject: 'your staff PIN was reset',
    what: 'An administrator reset the PIN of your staff account.',
    next: 'At your next sign-in you choose a new PIN.',
  },
  'authenticator-reset': {
    subject: 'your authenticator was reset',
    what: 'An administrator removed the authenticator app and the recovery codes of your staff account.',
    next: 'At your next sign-in you set up your authenticator app again and receive new recovery codes.',
  },
  'own-pin-changed': {
    subject: 'your staff PIN was changed',
    what: 'The PIN of your staff account was changed on the My security page.',
    next: 'Use the new PIN from your next sign-in on.',
  },
  'own-recovery-codes-regenerated': {
    subject: 'you have new recovery codes',
    what: 'New recovery codes were made for your staff account on the My security page; the earlier ones no longer work.',
    next: 'Keep the new codes somewhere safe, away from your phone.',
  },
  'own-authenticator-reset': {
    subject: 'your authenticator was removed',
    what: 'The authenticator app and the recovery codes of your staff account were removed on the My security page, and every session was signed out.',
    next: 'At your next sign-in you set up your authenticator app again and receive new recovery codes.',
  },
};

/** Tells a staff member that a sign-in factor of theirs changed, so a change they did not make is noticed. */
export const staffFactorsChanged = defineEmail({
  schema: z.strictObject({ name: ZEmailName, change: z.enum(staffFactorChanges), changedAt: z.date(), signInUrl: ZEmailLink }),
  render: (data, context) => {
    const text = TEXTS[data.change];
    return renderLayout(context, {
      subject: `${context.siteName} back office: ${text.subject}`,
      preheader: text.what,
      heading: 'Your sign-in factors changed',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `${text.what} When: ${changedAtFormat.format(data.changedAt)} UTC.` },
        { kind: 'paragraph', text: text.next },
        { kind: 'button', label: 'Go to the staff sign-in', url: data.signInUrl },
        { kind: 'note', text: 'If you did not expect this change, tell your administrator or the security contact of the site right away.' },
      ],
    });
  },
});
