import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { countryOptions } from '@/lib/accounts/countries';
import { customFieldName, isYesNoField } from '@/lib/accounts/profile-fields';
import { getOptionalUser } from '@/lib/auth/guards';
import { PASSWORD_RULES_TEXT } from '@/lib/auth/password-policy';
import { MarkdownView } from '@/app/_components/markdown-view';
import { renderMarkdown } from '@/lib/content/render-markdown';
import { registrationTexts } from '@/lib/content/site-texts';
import { getSetting } from '@/lib/settings/get-setting';
import { linkClass } from '@/app/_components/link-class';
import { PageShell } from '../_components/page-shell';
import { RegisterForm, type TRegisterCustomField } from './register-form';

export const metadata: Metadata = { title: 'Create an account' };

export default async function RegisterPage() {
  if (await getOptionalUser()) redirect('/account');
  const [texts, customFields] = await Promise.all([registrationTexts(), getSetting('registration.customFields')]);

  const fields: TRegisterCustomField[] = customFields
    .filter((field) => field.mode !== 'off')
    .map((field) => ({ name: customFieldName(field), label: field.label, required: field.mode === 'required', yesNo: isYesNoField(field) }));

  return (
    <PageShell
      wide
      title="Create an account"
      intro={
        <p>
          Already have one?{' '}
          <Link href="/login" className={linkClass}>
            Sign in
          </Link>
        </p>
      }
    >
      <section aria-labelledby="what-we-store" className="mb-8 rounded-md border border-brand-100 bg-brand-50 px-4 py-4 text-sm text-ink">
        <h2 id="what-we-store" className="font-semibold">
          What we store about you
        </h2>
        <div className="mt-1">
          <MarkdownView html={renderMarkdown(texts.whatWeStore.text)} size="text-sm leading-6" />
        </div>
        <p className="mt-2">
          <Link href="/privacy" className={linkClass}>
            Read the full privacy notice
          </Link>
        </p>
      </section>
      <RegisterForm
        countries={countryOptions().map((country) => ({ value: country.code, label: country.name }))}
        customFields={fields}
        passwordRules={PASSWORD_RULES_TEXT}
        texts={{
          noticeSha256: texts.privacyNotice.sha256,
          ageConfirmation: { text: texts.ageConfirmation.text, sha256: texts.ageConfirmation.sha256 },
          parentalConsent: { text: texts.parentalConsent.text, sha256: texts.parentalConsent.sha256 },
          marketingOptIn: { text: texts.marketingOptIn.text, sha256: texts.marketingOptIn.sha256 },
        }}
      />
    </PageShell>
  );
}
