'use client';

import { saveCookieChoiceAction } from '@/app/cookies/actions';
import type { TCookieChoice } from '@/lib/cookie-consent/categories';
import { CHOICE_SAVED_EVENT } from './consent-browser';

/** Saves a choice on the server (ledger and cookies), then tells the page. Returns an error message, or null. */
export async function saveChoice(choice: TCookieChoice, revision: string, via: 'banner' | 'settings'): Promise<string | null> {
  try {
    const answer = await saveCookieChoiceAction({ choice, revision, via });
    if (answer?.serverError) return answer.serverError.error;
    if (!answer?.data) return 'Your choice could not be saved. Please try again.';
  } catch {
    return 'Your choice could not be saved: the connection failed. Please try again.';
  }
  window.dispatchEvent(new Event(CHOICE_SAVED_EVENT));
  return null;
}
