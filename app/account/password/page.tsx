import type { Metadata } from 'next';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARACTERS } from '@/lib/auth/password-policy';
import { requireUser } from '@/lib/auth/guards';
import { PageHeader } from '../_components/page-header';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Change password' };

export default async function PasswordPage() {
  const actor = await requireUser('/account/password');
  const rules = [
    `At least ${PASSWORD_MIN_CHARACTERS} characters; a few unrelated words make a strong password you can remember.`,
    `At most ${PASSWORD_MAX_BYTES} bytes: that is ${PASSWORD_MAX_BYTES} plain letters or digits, fewer with accents or emoji. Longer passwords are refused, never cut short.`,
    'Not one of the commonly used passwords on our list.',
  ];
  return (
    <div className="space-y-8">
      <PageHeader title="Change password">
        <p>
          Changing your password signs out every other browser where your account is open. You stay signed in here, and we
          send you an e-mail about the change.
        </p>
      </PageHeader>
      <PasswordForm email={actor.email} rules={rules} />
    </div>
  );
}
