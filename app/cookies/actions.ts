'use server';

import { cookies, headers } from 'next/headers';
import { publicActionClient } from '@/lib/actions/action-client';
import { getOptionalUser } from '@/lib/auth/guards';
import { categoryScripts } from '@/lib/cookie-consent/cookie-consent-config';
import { consentIdCookie, cookieChoiceCookie } from '@/lib/cookie-consent/consent-cookies';
import { recordCookieChoice, ZCookieChoiceInput } from '@/lib/cookie-consent/record-cookie-choice';
import { countUsage } from '@/lib/usage/count-usage';

/**
 * Records a cookie choice (banner or Cookie settings) in the consent ledger and keeps it in the
 * browser's two necessary cookies. The cookies of a category now refused are removed.
 */
export const saveCookieChoiceAction = publicActionClient
  .metadata({ name: 'cookies.save-choice' })
  .inputSchema(ZCookieChoiceInput)
  .action(async ({ parsedInput }) => {
    const jar = await cookies();
    const idCookie = consentIdCookie();
    const choiceCookie = cookieChoiceCookie();
    const user = await getOptionalUser();
    const gpc = (await headers()).get('sec-gpc') === '1';
    const recorded = await recordCookieChoice(parsedInput, { consentId: jar.get(idCookie.name)?.value ?? null, subjectUserId: user?.userId ?? null, gpc });
    jar.set(idCookie.name, recorded.consentId, idCookie.options);
    jar.set(choiceCookie.name, recorded.storedChoice, choiceCookie.options);
    for (const script of await categoryScripts()) {
      if (recorded.choice[script.category]) continue;
      for (const cookie of script.cookies) if (jar.has(cookie.name)) jar.delete({ name: cookie.name, path: '/' });
    }
    const { preferences, statistics, marketing } = parsedInput.choice;
    if (parsedInput.via === 'settings') countUsage('cookie-settings-choice');
    else if (preferences && statistics && marketing) countUsage('cookie-accept-all');
    else if (!preferences && !statistics && !marketing) countUsage('cookie-reject-all');
    return { storedChoice: recorded.storedChoice };
  });
