import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const untilFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** What the person asked for, in words ("a copy of your data"), chosen by lib/privacy/requests. */
const ZRequestWhat = z.string().trim().min(1).max(200);
/** A text staff wrote for the person (a reason, an outcome); sent as written. */
const ZStaffText = z.string().trim().min(1).max(4000);

/** Sent when staff enter a request that arrived by mail: opening the link proves the address is the person's. */
export const privacyRequestIdentity = defineEmail({
  schema: z.strictObject({ name: ZEmailName, what: ZRequestWhat, receivedAt: z.date(), verifyUrl: ZEmailLink, expiresAt: z.date() }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Please confirm your data-protection request to ${context.siteName}`,
      preheader: 'Open the link so that we can handle your request.',
      heading: 'Confirm your request',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `We received your request for ${data.what} on ${dayFormat.format(data.receivedAt)}. Before we answer, we must be sure the request comes from the owner of this e-mail address: please open the link below and confirm.`,
        },
        { kind: 'button', label: 'Confirm my request', url: data.verifyUrl },
        { kind: 'note', text: `The link works once, until ${untilFormat.format(data.expiresAt)} UTC. If you did not make this request, ignore this message: nothing will be done.` },
      ],
    }),
});

/** Sent when staff extend the deadline (art. 12(3)): the new date and why. */
export const privacyRequestExtended = defineEmail({
  schema: z.strictObject({ name: ZEmailName, what: ZRequestWhat, receivedAt: z.date(), dueAt: z.date(), reason: ZStaffText, privacyPolicyUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `We need more time for your data-protection request to ${context.siteName}`,
      preheader: `You will have our answer by ${dayFormat.format(data.dueAt)}.`,
      heading: 'Your request takes longer',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `Your request for ${data.what}, received on ${dayFormat.format(data.receivedAt)}, needs more time than the usual month. You will have our answer by ${dayFormat.format(data.dueAt)}.` },
        { kind: 'paragraph', text: `Why: ${data.reason}` },
        { kind: 'note', text: 'The data protection rules (GDPR art. 12(3)) allow us to extend the deadline by up to two months where a request is complex or we receive many; we must tell you why within the first month.' },
        { kind: 'link', label: 'Our privacy policy', url: data.privacyPolicyUrl },
      ],
    }),
});

/** Sent when staff close a request: what was done, or why it was refused and where to complain. */
export const privacyRequestClosed = defineEmail({
  schema: z.strictObject({ name: ZEmailName, what: ZRequestWhat, receivedAt: z.date(), refused: z.boolean(), outcome: ZStaffText, privacyPolicyUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: data.refused ? `Your data-protection request to ${context.siteName} was refused` : `Your data-protection request to ${context.siteName} is answered`,
      preheader: data.refused ? 'Why, and what you can do.' : 'What we did.',
      heading: data.refused ? 'We cannot do what you asked' : 'Your request is answered',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `About your request for ${data.what}, received on ${dayFormat.format(data.receivedAt)}:` },
        { kind: 'paragraph', text: data.outcome },
        data.refused
          ? { kind: 'note', text: 'If you disagree, you may complain to the data protection authority of your country, or go to court (GDPR art. 12(4), 77 and 79).' }
          : { kind: 'note', text: 'If something is missing, write to us again through the contact details on our site.' },
        { kind: 'link', label: 'Our privacy policy', url: data.privacyPolicyUrl },
      ],
    }),
});

/** Sent when processing of the account is restricted (art. 18), and before it is lifted (art. 18(3)). */
export const privacyRestriction = defineEmail({
  schema: z.strictObject({ name: ZEmailName, lifted: z.boolean(), privacyPolicyUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: data.lifted ? `The restriction of your ${context.siteName} account is lifted` : `Your ${context.siteName} account is restricted`,
      preheader: data.lifted ? 'We process your account normally again.' : 'We keep your data but do not use it.',
      heading: data.lifted ? 'Restriction lifted' : 'Your account is restricted',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        data.lifted
          ? { kind: 'paragraph', text: 'We have lifted the restriction of processing of your account (GDPR art. 18(3)). From now on we process it as before: your orders are handled and we send you the usual messages.' }
          : {
              kind: 'paragraph',
              text: 'As you asked, we have restricted the processing of your account (GDPR art. 18): we keep your data, but we do not process your orders and send you no messages other than those about your data-protection requests and the security of your account, until the restriction is lifted. We will tell you before we lift it.',
            },
        { kind: 'link', label: 'Our privacy policy', url: data.privacyPolicyUrl },
      ],
    }),
});

/** The daily reminder to privacy officers: how many requests are due soon or overdue; no personal values. */
export const privacyRequestsDue = defineEmail({
  schema: z.strictObject({
    name: ZEmailName,
    requests: z
      .array(z.strictObject({ reference: z.string().regex(/^[A-Za-z0-9-]{1,40}$/), kind: z.string().trim().min(1).max(40), dueAt: z.date(), overdue: z.boolean() }))
      .min(1)
      .max(200),
    deskUrl: ZEmailLink,
  }),
  render: (data, context) => {
    const overdue = data.requests.filter((request) => request.overdue).length;
    return renderLayout(context, {
      subject: overdue > 0 ? `${overdue} data-protection ${overdue === 1 ? 'request is' : 'requests are'} overdue at ${context.siteName}` : `Data-protection requests due soon at ${context.siteName}`,
      preheader: `${data.requests.length} ${data.requests.length === 1 ? 'request needs' : 'requests need'} an answer.`,
      heading: 'Requests to answer',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        ...data.requests.map((request) => ({
          kind: 'paragraph' as const,
          text: `${request.overdue ? 'OVERDUE' : 'Due soon'}: ${request.kind} request ${request.reference}, due ${dayFormat.format(request.dueAt)}.`,
        })),
        { kind: 'button', label: 'Open the privacy desk', url: data.deskUrl },
      ],
    });
  },
});
