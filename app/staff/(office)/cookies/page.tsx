import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/app/account/_components/page-header';
import { linkClass } from '@/app/_components/link-class';
import { categoryScriptSetting, cookieCategoryInfo, optionalCookieCategories } from '@/lib/cookie-consent/categories';
import { getSetting } from '@/lib/settings/get-setting';
import { requireStaff } from '@/lib/staff/require-staff';
import { SettingForm, SettingSection } from '../_components/setting-form';
import { saveCookieScriptAction } from './actions';

export const metadata: Metadata = { title: 'Cookie scripts' };

/** The site owner's scripts per optional cookie category (settings.manage; every change audited). */
export default async function CookieScriptsPage() {
  await requireStaff('settings.manage', '/staff/cookies');
  const scripts = await Promise.all(optionalCookieCategories.map(async (category) => ({ category, script: await getSetting(categoryScriptSetting[category]) })));
  return (
    <div className="space-y-8">
      <PageHeader title="Cookie scripts">
        A script added here (a statistics tag, say) is loaded only for visitors who consented to its category, with the page&apos;s security nonce, and never in the back office. While no script is
        configured, the shop sets necessary cookies only and shows no cookie banner; once one is, every visitor is asked. The banner text and the cookie policy are edited under{' '}
        <Link href="/staff/texts" className={linkClass}>
          Texts
        </Link>
        ; publish a new cookie policy when you add a script, so visitors are asked again. The page&apos;s security policy lets a script connect only to this site, so a tag that sends data
        elsewhere must be served from here. Every change is recorded in the audit trail.
      </PageHeader>
      {scripts.map(({ category, script }) => {
        const key = categoryScriptSetting[category];
        return (
          <SettingSection key={category} id={category} title={cookieCategoryInfo[category].label} description={cookieCategoryInfo[category].description}>
            <SettingForm
              action={saveCookieScriptAction}
              submitLabel={`Save ${cookieCategoryInfo[category].label.toLowerCase()} script`}
              fields={[
                { kind: 'text', name: `${key}.name`, label: 'Name shown to visitors', hint: 'E.g. "Visit statistics". Needed when a script is set. At most 80 characters.', value: script.name, optional: true },
                { kind: 'text', name: `${key}.src`, label: 'Script address', hint: 'An https:// address or a path on this site starting with /. Leave empty for inline code only.', value: script.src, optional: true },
                { kind: 'textarea', name: `${key}.code`, label: 'Inline code', hint: 'JavaScript run after the script address (if any). Leave both empty to use no script in this category.', value: script.code, optional: true },
                {
                  kind: 'textarea',
                  name: `${key}.cookies`,
                  label: 'Cookies it sets',
                  hint: 'One per line: name | purpose | lifetime. Listed in the cookie settings and the cookie policy; withdrawing consent removes them.',
                  value: script.cookies,
                  optional: true,
                },
              ]}
            />
          </SettingSection>
        );
      })}
    </div>
  );
}
