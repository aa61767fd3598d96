import type { Metadata } from 'next';
import Link from 'next/link';
import { MarkdownView } from '@/app/_components/markdown-view';
import { renderMarkdown } from '@/lib/content/render-markdown';
import { siteText } from '@/lib/content/site-texts';
import { textVersionInForce } from '@/lib/settings/text-versions';

export const metadata: Metadata = { title: 'Privacy policy' };

/** The site owner's privacy policy in force, exactly the text whose version registration records, with the live retention periods. */
export default async function PrivacyPolicyPage() {
  const [policy, version] = await Promise.all([siteText('texts.privacyPolicy'), textVersionInForce('texts.privacyPolicy')]);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 lg:py-14">
      <header className="border-b border-neutral-200 pb-6">
        <h1 className="text-3xl font-semibold tracking-tight text-ink">Privacy policy</h1>
        <p className="mt-2 text-sm text-neutral-700">
          Version <span className="font-mono text-ink">{policy.version}</span>
          {version ? <>, in force since {version.effectiveAt.toISOString().slice(0, 10)}</> : null}. When this text changes, its version
          changes too; your account records the version you were shown.
        </p>
      </header>
      <article className="mt-6">
        <MarkdownView html={renderMarkdown(policy.text)} />
      </article>
      <aside className="mt-10 rounded-lg border border-neutral-200 bg-neutral-50 p-5 text-sm text-neutral-700">
        Have an account? Manage your marketing e-mails and see what we record in{' '}
        <Link href="/account/privacy" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
          My Account
        </Link>
        .
      </aside>
    </div>
  );
}
