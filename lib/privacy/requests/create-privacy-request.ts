import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { privacyRequests, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { dueDateFor } from './due-dates';
import { mailIdentityLink } from './identity-link';
import { assertPrivacyDesk } from './request-access';
import { ZPrivacyRequestKind } from './request-kinds';

const DAY_MS = 86_400_000;
/** A mailed request found later than this is entered with today's date and its real date in the details. */
export const OLDEST_RECEIVED_DAYS = 365;

const ZOptionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).default('');

export const ZNewPrivacyRequest = z
  .object({
    kind: ZPrivacyRequestKind,
    subject: z.enum(['account', 'person'], { error: 'Choose whether the person has an account.' }),
    accountEmail: ZOptionalText(254, 'That address is too long.'),
    contactName: ZOptionalText(200, 'Keep the name under 200 characters.'),
    contactEmail: ZOptionalText(254, 'That address is too long.'),
    details: ZOptionalText(4000, 'Keep the details under 4,000 characters.'),
    receivedOn: z.string().trim().default(''),
  })
  .superRefine((form, context) => {
    if (form.subject === 'account' && !z.email().safeParse(form.accountEmail).success) {
      context.addIssue({ code: 'custom', path: ['accountEmail'], message: 'Enter the sign-in e-mail of the account, like name@example.com.' });
    }
    if (form.subject === 'person') {
      if (form.contactName.length < 2) context.addIssue({ code: 'custom', path: ['contactName'], message: 'Enter the name the person signed with.' });
      if (!z.email().safeParse(form.contactEmail).success) context.addIssue({ code: 'custom', path: ['contactEmail'], message: 'Enter the address the person wrote from, like name@example.com.' });
    }
    if (form.receivedOn !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(form.receivedOn)) {
      context.addIssue({ code: 'custom', path: ['receivedOn'], message: 'Enter the date as YYYY-MM-DD.' });
    }
  });

/**
 * When the request arrived: today (now) unless staff give an earlier day, which counts from noon UTC
 * of that day. Never in the future: the deadline cannot start later than the request arrived.
 */
export function receivedAtFrom(receivedOn: string, now: Date): Date {
  if (receivedOn === '') return now;
  const day = new Date(`${receivedOn}T12:00:00.000Z`);
  const invalid = (message: string) => new AppError('INVALID_INPUT', 'Please correct the marked fields.', { receivedOn: message });
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== receivedOn) throw invalid('That is not a date in the calendar.');
  const today = now.toISOString().slice(0, 10);
  if (receivedOn > today) throw invalid('The request cannot have arrived in the future.');
  if (receivedOn === today) return now;
  if (now.getTime() - day.getTime() > OLDEST_RECEIVED_DAYS * DAY_MS) throw invalid('That is more than a year ago; check the date.');
  return day;
}

/**
 * A request that arrived by mail, entered by staff: about an account (found by its sign-in e-mail)
 * or a person without one (name and address). It waits for the person to open the identity link
 * mailed to the account's or the given address; the deadline counts from receipt all the same.
 * Row, link, mail and audit entries in one transaction.
 */
export async function createPrivacyRequest(actor: TStaffActor, form: unknown, now = new Date()): Promise<{ requestId: string }> {
  assertPrivacyDesk(actor);
  const input = ZNewPrivacyRequest.parse(form);
  const receivedAt = receivedAtFrom(input.receivedOn, now);
  return db.transaction(async (tx) => {
    let subjectUserId: string | null = null;
    if (input.subject === 'account') {
      const [account] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(sql`lower(${users.email})`, input.accountEmail.toLowerCase()), eq(users.kind, 'customer'), isNull(users.erasedAt)));
      if (!account) {
        throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', {
          accountEmail: 'No customer account signs in with this address. Choose "A person without an account" to record the request by name and address.',
        });
      }
      subjectUserId = account.id;
    }
    const [created] = await tx
      .insert(privacyRequests)
      .values({
        kind: input.kind,
        state: 'awaiting_identity',
        source: 'staff',
        subjectUserId,
        contactEmail: input.subject === 'person' ? input.contactEmail : null,
        contactName: input.subject === 'person' ? input.contactName : null,
        details: input.details || null,
        receivedAt,
        dueAt: dueDateFor(receivedAt),
        createdByUserId: actor.userId,
        handledByUserId: actor.userId,
        updatedAt: now,
      })
      .returning();
    const audit = { actorKind: 'staff' as const, actorUserId: actor.userId, subjectUserId, objectType: 'privacy-request', objectId: created!.id, clientIp: actor.client.ip };
    await recordAuditEntry(tx, { ...audit, action: 'privacy.request-created' });
    await mailIdentityLink(tx, created!, now);
    await recordAuditEntry(tx, { ...audit, action: 'privacy.identity-link-sent' });
    return { requestId: created!.id };
  });
}
