/**
 * Every staff server action, called as each role, as a customer and as a guest: exactly the roles
 * with the action's permission get past the guard (to the input check, with an empty form); the
 * others get the refusal, and each refusal is in the access log. A new actions file or action must
 * be added to EXPECTED, or the first test fails.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessLog } from '@/db/schema';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { createSession } from '@/lib/auth/sessions/create-session';
import { encodeSessionToken, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { closeDatabase, db } from '@/lib/db/client';
import { roleHasPermission, staffRoles, type TPermission } from '@/lib/staff/permissions';
import { createCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { fakeRequest } from '../../helpers/fake-next-headers';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
const request = fakeRequest;
request.ip = '198.51.100.91';

afterAll(closeDatabase);
beforeEach(() => request.cookies.clear());

/** Each staff actions file (relative to app/staff) and the permission of each action it exports. */
const EXPECTED: Record<string, Record<string, TPermission>> = {
  '(office)/access-log/actions.ts': {
    blockAddressAction: 'security.manage',
    liftBlockAction: 'security.manage',
    endStaffSessionsAction: 'security.manage',
  },
  '(office)/settings/actions.ts': {
    saveSettingsAction: 'settings.manage',
  },
  '(office)/security-policy/actions.ts': {
    saveSecurityPolicyAction: 'security.manage',
    addAllowlistEntryAction: 'security.manage',
    removeAllowlistEntryAction: 'security.manage',
  },
  '(office)/staff-accounts/actions.ts': {
    inviteStaffAction: 'staff.manage',
    changeStaffRoleAction: 'staff.manage',
    lockStaffAction: 'staff.manage',
    unlockStaffAction: 'staff.manage',
    resetStaffPinAction: 'staff.manage',
    resetStaffAuthenticatorAction: 'staff.manage',
    endStaffMemberSessionsAction: 'staff.manage',
  },
  '(office)/security/actions.ts': {
    changeOwnPinAction: 'backoffice.enter',
    regenerateRecoveryCodesAction: 'backoffice.enter',
    resetOwnAuthenticatorAction: 'backoffice.enter',
  },
  '(office)/customers/actions.ts': {
    choosePurposeAction: 'customers.read',
    lockCustomerAction: 'customers.manage',
    unlockCustomerAction: 'customers.manage',
    endCustomerSessionsAction: 'customers.manage',
    sendPasswordResetAction: 'customers.manage',
    requestEmailChangeAction: 'customers.manage',
    restrictCustomerAction: 'privacy.requests',
    liftCustomerRestrictionAction: 'privacy.requests',
  },
  '(office)/catalog/actions.ts': {
    updateImageDetailsAction: 'catalog.manage',
    publishImageAction: 'catalog.manage',
    unpublishImageAction: 'catalog.manage',
  },
  '(office)/catalog/price-lists/actions.ts': {
    updatePriceTiersAction: 'catalog.manage',
  },
  '(office)/vat-rates/actions.ts': {
    saveVatRatesAction: 'settings.manage',
  },
  '(office)/retention/actions.ts': {
    saveRetentionPeriodsAction: 'settings.manage',
    saveInactiveAccountsAction: 'settings.manage',
  },
  '(office)/texts/actions.ts': {
    publishTextVersionAction: 'settings.manage',
    previewTextAction: 'settings.manage',
  },
  '(office)/orders/actions.ts': {
    approveOrderAction: 'orders.manage',
    rejectOrderAction: 'orders.manage',
    registerPaymentAction: 'orders.manage',
    markDeliveredAction: 'orders.manage',
    cancelOrderAction: 'orders.manage',
    saveCustomerTermsAction: 'orders.manage',
  },
  '(office)/privacy-requests/actions.ts': {
    createPrivacyRequestAction: 'privacy.requests',
    resendIdentityLinkAction: 'privacy.requests',
    extendPrivacyRequestAction: 'privacy.requests',
    closePrivacyRequestAction: 'privacy.requests',
    queueSubjectExportAction: 'privacy.requests',
    restrictFromRequestAction: 'privacy.requests',
    liftFromRequestAction: 'privacy.requests',
    confirmParentalConsentAction: 'privacy.requests',
    eraseFromDeskAction: 'privacy.requests',
  },
  '(office)/newsletter/actions.ts': {
    newsletterAction: 'marketing.send',
  },
  '(office)/cookies/actions.ts': {
    saveCookieScriptAction: 'settings.manage',
  },
};

/** Public actions in app/staff (signing in and out) that need no permission. */
const PUBLIC_FILES = new Set(['login/actions.ts', '(office)/actions.ts', 'invitation/actions.ts']);

function actionFiles(dir = path.resolve('app/staff'), prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return actionFiles(full, `${prefix}${name}/`);
    return name === 'actions.ts' ? [`${prefix}${name}`] : [];
  });
}

type TFormActionFn = (state: typeof INITIAL_FORM_STATE, form: FormData) => Promise<{ ok: boolean | null; error?: string }>;

async function actAs(userId: string | null, kind: 'customer' | 'staff') {
  request.cookies.clear();
  if (!userId) return;
  const { token } = await createSession(db, { userId, remember: false, client: TEST_CLIENT, kind });
  request.cookies.set(sessionCookie().name, await encodeSessionToken(token, new Date(Date.now() + 3_600_000)));
}

const REFUSAL = 'You do not have permission to do this.';

describe('staff actions by role', () => {
  it('knows every staff actions file and every action in it', async () => {
    const files = actionFiles().filter((file) => !PUBLIC_FILES.has(file));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const file of files) {
      const actionsModule = (await import(path.resolve('app/staff', file))) as Record<string, unknown>;
      expect(Object.keys(actionsModule).sort(), file).toEqual(Object.keys(EXPECTED[file]!).sort());
    }
  });

  it('lets exactly the roles with the permission past the guard, and logs every refusal', async () => {
    const members = await Promise.all(staffRoles.map((role) => createStaffMember(role)));
    const customer = await createCustomer();
    for (const [file, actions] of Object.entries(EXPECTED)) {
      const actionsModule = (await import(path.resolve('app/staff', file))) as Record<string, TFormActionFn>;
      for (const [name, permission] of Object.entries(actions)) {
        for (const member of members) {
          await actAs(member.userId, 'staff');
          const answer = await actionsModule[name]!(INITIAL_FORM_STATE, new FormData());
          const refused = answer.ok === false && answer.error === REFUSAL;
          expect.soft(refused, `${member.role} ${name}`).toBe(!roleHasPermission(member.role, permission));
        }
        for (const [who, userId, kind] of [['customer', customer.userId, 'customer'], ['guest', null, 'customer']] as const) {
          await actAs(userId, kind);
          const answer = await actionsModule[name]!(INITIAL_FORM_STATE, new FormData());
          expect.soft(answer, `${who} ${name}`).toMatchObject({ ok: false, error: REFUSAL });
        }
      }
    }
    const refusals = await db.select().from(accessLog).where(and(eq(accessLog.kind, 'staff_request'), eq(accessLog.userId, customer.userId)));
    expect(refusals.map((row) => row.target).sort()).toEqual(
      Object.values(EXPECTED)
        .flatMap((actions) => Object.keys(actions))
        .map(() => expect.stringMatching(/^action:[a-z]+\./)),
    );
  });
});
