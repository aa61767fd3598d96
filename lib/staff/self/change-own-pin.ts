import 'server-only';
import { z } from 'zod';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { queueMail } from '@/lib/mail/send-mail';
import { setPin, ZPin } from '../factors/pin';
import type { TStaffActor } from '../require-staff';
import { confirmOwnPassword } from './confirm-own-password';

export const ZOwnPinChange = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024),
    pin: z.string({ error: 'Enter a new PIN.' }).pipe(ZPin),
    confirmPin: z.string({ error: 'Enter the new PIN again.' }).max(20),
  })
  .refine((form) => form.pin === form.confirmPin, { path: ['confirmPin'], message: 'The two PINs differ.' });

/** A staff member changes their own PIN (My security): the password first, then the new PIN twice. Audited and mailed. */
export async function changeOwnPin(actor: TStaffActor, form: unknown): Promise<void> {
  const { currentPassword, pin } = ZOwnPinChange.parse(form);
  await confirmOwnPassword(actor, currentPassword);
  await db.transaction(async (tx) => {
    await setPin(tx, actor.userId, pin);
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'staff.own-pin-changed', subjectUserId: actor.userId, objectType: 'user', objectId: actor.userId, clientIp: actor.client.ip });
    await queueMail(tx, {
      template: 'staff-factors-changed',
      to: { address: actor.email, name: actor.fullName },
      subjectUserId: actor.userId,
      data: { name: actor.fullName, change: 'own-pin-changed', changedAt: new Date(), signInUrl: `${serverEnv().APP_URL}/staff/login` },
    });
  });
}
