import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/sessions/create-session';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { closeDatabase, db } from '@/lib/db/client';
import { addLightboxImage } from '@/lib/lightboxes/lightbox-images';
import { customerOwner } from '@/lib/lightboxes/lightbox-owner';
import { listLightboxes } from '@/lib/lightboxes/list-lightboxes';
import { staffSections } from '@/lib/staff/navigation';
import { permissions, staffRoles } from '@/lib/staff/permissions';
import { actorFromToken, createSignedInCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { createImage } from '../../helpers/catalog-factory';
import { createStaffMember } from '../../helpers/staff-factory';

afterAll(async () => {
  await closeDatabase();
});

/**
 * Staff have no way to a customer's lightbox or shares: no permission names them, no back-office
 * page lists them, and a staff session is not a customer's, so the My Account pages and actions
 * (requireUser) and the lightbox lib (which takes a customer actor or a guest key) refuse it.
 */
describe('lightboxes and each staff role', () => {
  it.each(staffRoles)('%s: the session cannot act as a customer, so no customer lightbox is reachable', async (role) => {
    const customer = await createSignedInCustomer();
    const { lightboxId } = await addLightboxImage(customerOwner(customer.actor), await createImage());

    const staff = await createStaffMember(role);
    const { token } = await createSession(db, { userId: staff.userId, remember: false, client: TEST_CLIENT, kind: 'staff' });
    expect(await loadSession(token)).toMatchObject({ state: 'active', kind: 'staff' });
    // What requireUser does with this session: it is not a customer's, so the guard sends it to sign in.
    await expect(actorFromToken(token)).rejects.toThrow(/refuse/);

    expect((await listLightboxes(customerOwner(customer.actor))).map((box) => box.id)).toEqual([lightboxId]);
  });

  it('no staff permission or back-office page is about lightboxes or shares', () => {
    expect(Object.keys(permissions).filter((name) => /lightbox|share/i.test(name))).toEqual([]);
    const hrefs = JSON.stringify(staffSections);
    expect(hrefs).not.toMatch(/lightbox|share/i);
  });
});
