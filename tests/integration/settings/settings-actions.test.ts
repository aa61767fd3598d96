/**
 * The settings pages' actions as a form posts them: a signed-in admin (real session cookie, real
 * guard), field names as the pages write them, messages keyed by those names.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { createSession } from '@/lib/auth/sessions/create-session';
import { encodeSessionToken, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { closeDatabase, db } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';
import { updateSetting } from '@/lib/settings/update-setting';
import { TEST_CLIENT } from '../../helpers/actor-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { fakeRequest } from '../../helpers/fake-next-headers';
import { formData } from '../../helpers/form-data';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
const request = fakeRequest;
request.ip = '198.51.100.92';
// Outside a request there is no page cache to revalidate.
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

afterAll(closeDatabase);
beforeEach(() => request.cookies.clear());

async function signInAs(role: 'admin' | 'superadmin') {
  const member = await createStaffMember(role);
  const { token } = await createSession(db, { userId: member.userId, remember: false, client: TEST_CLIENT, kind: 'staff' });
  request.cookies.set(sessionCookie().name, await encodeSessionToken(token, new Date(Date.now() + 3_600_000)));
}


describe('settings actions', () => {
  it('answers bad values with a message per field and keeps what was sent; a good value is saved', async () => {
    const { saveSettingsAction } = await import('@/app/staff/(office)/settings/actions');
    await signInAs('admin');
    const before = await getSetting('accounts.rememberDays');
    const refused = await saveSettingsAction(INITIAL_FORM_STATE, formData({ 'accounts.consentAge': '12', 'accounts.idleTimeoutMinutes': 'x', 'accounts.rememberDays': '30' }));
    expect(refused).toMatchObject({
      ok: false,
      error: 'Please correct the marked fields.',
      fieldErrors: { 'accounts.consentAge': 'Enter 13 or more.', 'accounts.idleTimeoutMinutes': 'Enter a number.' },
      values: { 'accounts.consentAge': '12', 'accounts.idleTimeoutMinutes': 'x' },
    });
    // A security-policy field sent to the settings page is not read there.
    const next = before === 40 ? 41 : 40;
    try {
      expect(await saveSettingsAction(INITIAL_FORM_STATE, formData({ 'accounts.rememberDays': String(next), 'staff.sessionHours': '1' }))).toEqual({ ok: true, message: 'Saved. The change applies from now on.' });
      expect(await getSetting('accounts.rememberDays')).toBe(next);
      expect(await getSetting('staff.sessionHours')).not.toBe(1);
    } finally {
      await updateSetting('accounts.rememberDays', before);
    }
  });

  it('the security policy: thresholds validated per field; the allowlist guard answers with its message', async () => {
    const { saveSecurityPolicyAction, addAllowlistEntryAction } = await import('@/app/staff/(office)/security-policy/actions');
    await signInAs('superadmin');
    expect(await saveSecurityPolicyAction(INITIAL_FORM_STATE, formData({ 'security.ipBlock.failures': '2', 'security.ipBlock.windowMinutes': '15', 'security.ipBlock.blockMinutes': '60' }))).toMatchObject({
      ok: false,
      fieldErrors: { 'security.ipBlock.failures': 'Enter 5 or more.' },
    });
    expect(await addAllowlistEntryAction(INITIAL_FORM_STATE, formData({ scope: 'site', network: '192.0.2.0/24' }))).toMatchObject({
      ok: false,
      error: 'This change would lock you out: your current address (198.51.100.92) would no longer be allowed. Add a network that contains your address first.',
    });
    expect(await saveSecurityPolicyAction(INITIAL_FORM_STATE, formData({}))).toMatchObject({ ok: false, error: 'There is nothing to change.' });
  });
});
