/**
 * Customers for the newsletter tests, with their marketing consent as the ledger records it.
 */
import { and, asc, eq } from 'drizzle-orm';
import { consentLedger, users } from '@/db/schema';
import { recordConsent } from '@/lib/accounts/consents';
import { registrationTexts } from '@/lib/content/site-texts';
import { db } from '@/lib/db/client';
import { createCustomer } from '../../helpers/actor-factory';

export type TConsent = 'given' | 'withdrawn' | 'none';

/** A customer whose ledger says `consent` (withdrawn: given first, then withdrawn), with extra account values. */
export async function customerWithConsent(consent: TConsent, values: Partial<typeof users.$inferInsert> = {}) {
  const customer = await createCustomer(values);
  const texts = await registrationTexts();
  if (consent !== 'none') {
    await recordConsent(db, { subjectUserId: customer.userId, purpose: 'marketing_email', action: 'given', text: texts.marketingOptIn, ip: '192.0.2.1' });
  }
  if (consent === 'withdrawn') {
    await recordConsent(db, { subjectUserId: customer.userId, purpose: 'marketing_email', action: 'withdrawn', text: texts.marketingOptIn, ip: '192.0.2.1' });
  }
  return customer;
}

export const marketingLedger = (userId: string) =>
  db
    .select({ action: consentLedger.action, ip: consentLedger.ip })
    .from(consentLedger)
    .where(and(eq(consentLedger.subjectUserId, userId), eq(consentLedger.purpose, 'marketing_email')))
    .orderBy(asc(consentLedger.id));

export const newsletter = { subject: 'Winter collection', body: 'Snow over the harbour.\n\nFifty new pictures this week.' };
