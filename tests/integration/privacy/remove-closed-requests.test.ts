import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { privacyRequests } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { removeClosedRequests } from '@/lib/privacy/remove-closed-requests';

afterAll(closeDatabase);

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

describe('removeClosedRequests (retention request-record)', () => {
  it('deletes requests closed more than 3 years ago and keeps open ones of any age', async () => {
    const request = (receivedDaysAgo: number, closedDaysAgo: number | null) => ({
      kind: 'access' as const,
      state: closedDaysAgo === null ? ('open' as const) : ('completed' as const),
      source: 'staff' as const,
      contactEmail: 'requester@example.test',
      receivedAt: daysAgo(receivedDaysAgo),
      dueAt: daysAgo(receivedDaysAgo - 30),
      closedAt: closedDaysAgo === null ? null : daysAgo(closedDaysAgo),
    });
    const rows = await db
      .insert(privacyRequests)
      .values([request(1200, 1096), request(1200, 1094), request(1500, null)])
      .returning({ id: privacyRequests.id });
    const ids = rows.map((row) => row.id);

    expect(await removeClosedRequests()).toBeGreaterThanOrEqual(1);

    const left = await db.select({ id: privacyRequests.id }).from(privacyRequests).where(inArray(privacyRequests.id, ids));
    expect(left.map((row) => row.id).sort()).toEqual([ids[1], ids[2]].sort());
  });
});
