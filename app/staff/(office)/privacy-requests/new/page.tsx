import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { privacyRequestKindLabels, privacyRequestKinds } from '@/lib/privacy/requests/request-kinds';
import { requireStaff } from '@/lib/staff/require-staff';
import { createPrivacyRequestAction } from '../actions';
import { NewRequestForm } from '../request-forms';

export const metadata: Metadata = { title: 'Record a privacy request' };

const kinds = privacyRequestKinds.map((kind) => ({ value: kind, label: privacyRequestKindLabels[kind] }));

export default async function NewPrivacyRequestPage() {
  await requireStaff('privacy.requests', '/staff/privacy-requests/new');
  return (
    <div className="space-y-6">
      <PageHeader title="Record a request received by mail">
        <p>
          The person gets a link by e-mail to confirm the request comes from them; you handle it once they have. The deadline counts from the day it arrived all the same.{' '}
          <Link href="/staff/privacy-requests" className={linkClass}>
            Back to the requests
          </Link>
        </p>
      </PageHeader>
      <NewRequestForm action={createPrivacyRequestAction} kinds={kinds} today={new Date().toISOString().slice(0, 10)} />
    </div>
  );
}
