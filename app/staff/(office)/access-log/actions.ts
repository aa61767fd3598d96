'use server';

import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { blockAddress, liftBlock } from '@/lib/security/ip-blocks';
import { endStaffSessions } from '@/lib/staff/staff-sessions';

const ZBlockForm = z.object({
  network: z.string().trim().min(1, 'Enter an address or range.').max(100),
  until: z
    .string()
    .trim()
    .max(40)
    .transform((value, context) => {
      if (value === '') return null;
      const date = new Date(`${value}:00Z`);
      if (Number.isNaN(date.getTime())) {
        context.addIssue({ code: 'custom', message: 'Enter a date and time, or leave it empty to block for good.' });
        return z.NEVER;
      }
      return date;
    }),
  reason: z.string().trim().max(500).default(''),
});

export const blockAddressAction = formAction(
  staffActionClient
    .metadata({ name: 'security.block-address', permission: 'security.manage' })
    .inputSchema(formInput(ZBlockForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const block = await blockAddress(parsedInput, { userId: actor.userId, ip: actor.client.ip });
      return { message: `${block.network} is blocked.` };
    }),
  { keep: (field) => field !== 'until' },
);

export const liftBlockAction = formAction(
  staffActionClient
    .metadata({ name: 'security.lift-block', permission: 'security.manage' })
    .inputSchema(formInput(z.object({ blockId: z.uuid() })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await liftBlock(parsedInput.blockId, { userId: actor.userId, ip: actor.client.ip });
      return { message: 'The block is lifted.' };
    }),
);

export const endStaffSessionsAction = formAction(
  staffActionClient
    .metadata({ name: 'security.end-staff-sessions', permission: 'security.manage' })
    .inputSchema(formInput(z.object({ userId: z.uuid() })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const ended = await endStaffSessions(actor, parsedInput.userId);
      return { message: ended === 1 ? 'One session ended.' : `${ended} sessions ended.` };
    }),
);
