import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getOptionalUser, safeReturnPath } from '@/lib/auth/guards';
import { rememberedEmailCookie } from '@/lib/auth/remembered-email';
import { signedOutReasonMessage } from '@/lib/auth/sign-in-messages';
import { getSetting } from '@/lib/settings/get-setting';
import { PageShell } from '../_components/page-shell';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function LoginPage({ searchParams }: TProps) {
  const params = await searchParams;
  // Only a path on this site: `?next=https://evil.example` and its disguises end on /account.
  const next = safeReturnPath(first(params.next));
  if (await getOptionalUser()) redirect(next);

  const [jar, rememberDays] = await Promise.all([cookies(), getSetting('accounts.rememberDays')]);
  const rememberedEmail = jar.get(rememberedEmailCookie().name)?.value ?? '';

  return (
    <PageShell title="Sign in">
      <LoginForm
        next={next}
        rememberedEmail={rememberedEmail}
        rememberDays={rememberDays}
        reasonMessage={signedOutReasonMessage(first(params.reason))}
        initialErrorCode={first(params.error) ?? null}
      />
    </PageShell>
  );
}
