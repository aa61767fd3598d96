import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { readDevMail } from '@/lib/mail/dev-mailbox';
import { canSeeDevMailbox, requireDevMailbox } from '../dev-mailbox-guard';
import { StatusBadge, Timestamp } from '../status-badge';

export async function generateMetadata(): Promise<Metadata> {
  return (await canSeeDevMailbox()) ? { title: 'Dev mailbox message', robots: { index: false, follow: false } } : {};
}

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireDevMailbox();
  const { id } = await params;
  const mail = await readDevMail(id);
  if (!mail) notFound();

  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <Link href="/dev/mail" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
        ← All messages
      </Link>
      <h1 className="mt-3 text-2xl font-semibold tracking-tight break-words">{mail.subject ?? mail.template}</h1>

      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-neutral-600">To</dt>
        <dd className="break-all">{mail.to ?? '(wiped after delivery)'}</dd>
        <dt className="text-neutral-600">Template</dt>
        <dd>{mail.template}</dd>
        <dt className="text-neutral-600">Queued</dt>
        <dd>
          <Timestamp value={mail.createdAt} />
        </dd>
        <dt className="text-neutral-600">Status</dt>
        <dd>
          <StatusBadge status={mail.status} /> <span className="text-neutral-600">after {mail.attempts} attempts</span>
        </dd>
        {mail.lastError ? (
          <>
            <dt className="text-neutral-600">Last error</dt>
            <dd className="break-words">{mail.lastError}</dd>
          </>
        ) : null}
      </dl>

      {mail.envelope ? (
        <>
          <section aria-labelledby="text-part" className="mt-8">
            <h2 id="text-part" className="text-lg font-semibold">
              Text part
            </h2>
            <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-neutral-200 bg-neutral-50 p-4 font-mono text-sm">
              {linkify(mail.envelope.text)}
            </pre>
          </section>

          <section aria-labelledby="html-part" className="mt-8">
            <h2 id="html-part" className="text-lg font-semibold">
              HTML part
            </h2>
            <p className="mt-1 text-sm text-neutral-600">
              Shown in a sandboxed frame: nothing in it can run, and the page&apos;s security policy also holds back its inline
              styles, so it looks plainer than in a mail program. Links open in a new tab.
            </p>
            <iframe
              title="HTML part of the message"
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              referrerPolicy="no-referrer"
              srcDoc={withLinksInNewTab(mail.envelope.html)}
              className="mt-2 h-[36rem] w-full rounded-lg border border-neutral-200 bg-white"
            />
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">HTML source</summary>
              <pre className="mt-2 max-h-96 overflow-auto rounded-lg border border-neutral-200 bg-neutral-50 p-4 font-mono text-xs">
                {mail.envelope.html}
              </pre>
            </details>
          </section>
        </>
      ) : (
        <p className="mt-8 rounded-lg border border-dashed border-neutral-300 px-6 py-8 text-center text-sm text-neutral-600">
          The content of this message was wiped when it was delivered or given up.
        </p>
      )}
    </div>
  );
}

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/** The text part with its http(s) addresses as links, so an activation link can be followed from here. */
function linkify(text: string): ReactNode[] {
  return text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} className="text-brand-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`;
}
