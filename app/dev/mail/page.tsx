import type { Metadata } from 'next';
import Link from 'next/link';
import { listDevMailbox } from '@/lib/mail/dev-mailbox';
import { canSeeDevMailbox, requireDevMailbox } from './dev-mailbox-guard';
import { StatusBadge, Timestamp } from './status-badge';

export async function generateMetadata(): Promise<Metadata> {
  return (await canSeeDevMailbox()) ? { title: 'Dev mailbox', robots: { index: false, follow: false } } : {};
}

export default async function DevMailboxPage() {
  await requireDevMailbox();
  const messages = await listDevMailbox();

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Dev mailbox</h1>
          <p className="mt-1 max-w-2xl text-sm text-neutral-600">
            No SMTP server is configured, so messages wait in the outbox instead of being sent. This page exists only in
            development and the demo, and only for requests from this machine.
          </p>
        </div>
        <Link href="/dev/mail" className="rounded border border-neutral-300 px-3 py-1.5 text-sm font-medium hover:bg-neutral-50">
          Refresh
        </Link>
      </div>

      {messages.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-neutral-300 px-6 py-12 text-center">
          <p className="font-medium">The outbox is empty.</p>
          <p className="mt-1 text-sm text-neutral-600">Register an account or ask for a password reset, and the message appears here.</p>
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-neutral-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Messages in the outbox, newest first</caption>
            <thead className="bg-neutral-50 text-neutral-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Time</th>
                <th scope="col" className="px-4 py-2 font-medium">To</th>
                <th scope="col" className="px-4 py-2 font-medium">Subject</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-200">
              {messages.map((message) => (
                <tr key={message.id} className="align-top hover:bg-neutral-50">
                  <td className="whitespace-nowrap px-4 py-2 text-neutral-600">
                    <Timestamp value={message.createdAt} />
                  </td>
                  <td className="px-4 py-2 break-all">{message.to ?? <span className="text-neutral-500">(wiped)</span>}</td>
                  <td className="px-4 py-2">
                    <Link href={`/dev/mail/${message.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {message.subject ?? message.template}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <StatusBadge status={message.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
