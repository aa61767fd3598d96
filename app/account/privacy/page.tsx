import type { Metadata } from 'next';
import Link from 'next/link';
import { getMyDetails } from '@/lib/accounts/get-my-account';
import { requireUser } from '@/lib/auth/guards';
import { registrationTexts } from '@/lib/content/site-texts';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';
import { MarketingPreference } from './marketing-preference';

export const metadata: Metadata = { title: 'Privacy & marketing' };

export default async function PrivacyAndMarketingPage() {
  const actor = await requireUser('/account/privacy');
  const [details, texts] = await Promise.all([getMyDetails(actor), registrationTexts()]);
  const currentVersion = texts.privacyNotice.version;

  return (
    <div className="space-y-8">
      <PageHeader title="Privacy & marketing">
        <p>Your choices about e-mail, and the privacy policy that applies to your account.</p>
      </PageHeader>

      <section aria-labelledby="marketing-heading" className="max-w-3xl rounded-lg border border-neutral-200 p-5 sm:p-6">
        <h2 id="marketing-heading" className="text-lg font-semibold text-ink">
          Marketing e-mails
        </h2>
        <p className="mt-2 text-base text-ink">
          {details.marketing ? (
            <>
              <span className="font-semibold">You receive marketing e-mails</span>
              {details.marketingChangedAt ? (
                <>
                  {' '}
                  (you agreed on <Timestamp value={details.marketingChangedAt} dateOnly />)
                </>
              ) : null}
              .
            </>
          ) : (
            <>
              <span className="font-semibold">You do not receive marketing e-mails</span>
              {details.marketingChangedAt ? (
                <>
                  {' '}
                  (you stopped them on <Timestamp value={details.marketingChangedAt} dateOnly />)
                </>
              ) : null}
              .
            </>
          )}
        </p>
        <p className="mt-1 mb-5 text-sm text-neutral-700">
          E-mails about your account, your orders and your security are sent either way. Every change you make here is
          recorded with the time and the wording you saw, so we can show what you agreed to.
        </p>
        <MarketingPreference inForce={details.marketing} optInText={texts.marketingOptIn.text} optInSha256={texts.marketingOptIn.sha256} />
      </section>

      <section aria-labelledby="policy-heading" className="max-w-3xl rounded-lg border border-neutral-200 p-5 sm:p-6">
        <h2 id="policy-heading" className="text-lg font-semibold text-ink">
          Privacy policy
        </h2>
        <p className="mt-2 text-sm text-neutral-700">
          The current version is <span className="font-mono text-ink">{currentVersion}</span>.
          {details.privacyNoticeVersion ? (
            details.privacyNoticeVersion === currentVersion ? (
              <> It is the version you were shown when you registered.</>
            ) : (
              <>
                {' '}
                When you registered you were shown version <span className="font-mono text-ink">{details.privacyNoticeVersion}</span>; it has
                changed since.
              </>
            )
          ) : null}
        </p>
        <p className="mt-3">
          <Link href="/privacy" className={linkClass}>
            Read the privacy policy
          </Link>
        </p>
      </section>
    </div>
  );
}
