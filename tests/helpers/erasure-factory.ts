/**
 * A customer with rows in every personal table a customer can have rows in, each carrying values
 * that identify them (address, name, phone, their own IP address), so a whole-database scan after
 * erasure can look for every one of them.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { accessLog, customerTerms, dataExports, downloadBundles, invoiceReminders, invoices, licenceDownloads, mailOutbox, orderEvents, privacyRequests, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { sealEnvelope } from '@/lib/mail/envelope';
import { refreshInvoicePdfs } from '@/lib/invoices/invoice-pdfs';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { uniqueIp } from './accounts-factory';
import { createOrder } from './order-factory';
import { seedCustomer } from './personal-data-factory';

/** Tables a customer has no rows in: a staff member's factors, and the tombstone written by erasure itself. */
export const TABLES_NO_CUSTOMER_HAS = ['staff_factors', 'staff_recovery_codes', 'erasure_tombstones'];

export async function seedSubjectEverywhere(tag: string) {
  const seeded = await seedCustomer(tag, { activityRows: 5 });
  const userId = seeded.userId;
  const ip = uniqueIp();
  const identity = {
    email: seeded.email,
    fullName: `Name ${tag}`,
    phone: `+31 6 ${randomInt(10_000_000, 99_999_999)}`,
    addressLine1: `Keizersgracht ${randomInt(100, 999)} ${tag}`,
    city: `City-${tag}`,
  };
  await db
    .update(users)
    .set({ phone: identity.phone, addressLine1: identity.addressLine1, city: identity.city, postalCode: '1016 DK', countryCode: 'NL', company: `Company ${tag}` })
    .where(eq(users.id, userId));

  const order = await createOrder(userId, {
    status: 'approved',
    values: { billingName: identity.fullName, billingEmail: identity.email, billingAddressLine1: identity.addressLine1, billingCity: identity.city },
  });
  const invoice = await db.transaction((tx) => issueInvoice(tx, order.orderId));
  const [issued] = await db.select({ gross: invoices.grossTotalMinor }).from(invoices).where(eq(invoices.id, invoice.id));
  await db.execute(sql`insert into invoice_payments (invoice_id, amount_minor, paid_on, method, reference) values (${invoice.id}, ${issued!.gross}, current_date, 'bank_transfer', ${`Payment by ${identity.fullName}`})`);
  await db.insert(invoiceReminders).values({ invoiceId: invoice.id, level: 1 });
  // As registerPayment does after its commit: the PDF showing the payment is stored.
  await refreshInvoicePdfs([invoice.id]);
  await db.insert(orderEvents).values({ orderId: order.orderId, status: 'approved', note: `Approved for ${tag}` });
  await db.insert(licenceDownloads).values({ customerUserId: userId, orderId: order.orderId, orderLineId: order.lineIds[0], kind: 'file', ip });
  await db.insert(downloadBundles).values({ customerUserId: userId, orderId: order.orderId, expiresAt: new Date(Date.now() + 86_400_000) });
  await db.insert(dataExports).values({ subjectUserId: userId, requestedByUserId: userId, expiresAt: new Date(Date.now() + 86_400_000) });
  await db.insert(accessLog).values({ kind: 'customer_sign_in', step: 'password', outcome: 'success', userId, ip, browser: 'Firefox 140', os: 'Linux', country: 'NL' });
  await db.insert(customerTerms).values({ userId, mayPayLater: true });
  await db.insert(mailOutbox).values({
    template: 'password-changed',
    subjectUserId: userId,
    envelope: sealEnvelope({ to: identity.email, toName: identity.fullName, subject: 'Hello', html: `<p>${identity.fullName}</p>`, text: identity.fullName }),
  });
  await db.insert(privacyRequests).values({
    kind: 'access',
    state: 'completed',
    source: 'staff',
    subjectUserId: userId,
    contactEmail: identity.email,
    contactName: identity.fullName,
    details: `Please send me everything, ${identity.fullName}`,
    dueAt: new Date(Date.now() + 30 * 86_400_000),
    outcome: `Sent to ${identity.email}`,
    tokenSha256: randomBytes(32).toString('hex'),
    closedAt: new Date(),
  });
  await db.transaction((tx) =>
    recordAuditEntry(tx, { actorKind: 'customer', actorUserId: userId, action: 'account.profile-updated', subjectUserId: userId, clientIp: ip, changedFields: ['phone'] }),
  );

  return { ...seeded, ...identity, ips: [ip, '198.51.100.77', '198.51.100.23'], orderId: order.orderId, invoiceId: invoice.id, invoiceNumber: invoice.number };
}

export type TSubjectEverywhere = Awaited<ReturnType<typeof seedSubjectEverywhere>>;
