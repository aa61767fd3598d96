import type { Metadata } from 'next';
import { ERASURE_LINK_GONE_MESSAGE, readErasureLink } from '@/lib/privacy/erasure-link';
import { PageShell } from '../../_components/page-shell';
import { ErasureLinkForms, type TErasureLinkView } from './erasure-link-forms';

export const metadata: Metadata = { title: 'Delete your account', referrer: 'no-referrer', robots: { index: false, follow: false } };

type TProps = { params: Promise<{ token: string }> };

export default async function DeleteAccountLinkPage({ params }: TProps) {
  const { token } = await params;
  const link = await readErasureLink(token);
  const view: TErasureLinkView =
    link.state === 'gone' ? { state: 'gone', message: ERASURE_LINK_GONE_MESSAGE } : link.state === 'cooling_off' ? { state: 'cooling_off', eraseAfterIso: link.eraseAfter.toISOString() } : link;
  return (
    <PageShell title="Delete your account">
      <ErasureLinkForms token={token} view={view} />
    </PageShell>
  );
}
