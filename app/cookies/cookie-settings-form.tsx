'use client';

import { useState } from 'react';
import { ChoiceFields } from '@/app/_components/cookie-consent/choice-fields';
import { useEffectiveChoice } from '@/app/_components/cookie-consent/consent-browser';
import { saveChoice } from '@/app/_components/cookie-consent/save-choice';
import { REJECT_ALL, type TCookieChoice } from '@/lib/cookie-consent/categories';
import type { TEffectiveChoice } from '@/lib/cookie-consent/cookie-choice';
import type { TCategoryScriptInPage } from '@/lib/cookie-consent/cookie-consent-config';

const BUTTON =
  'inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700';

/** Cookie settings: what applies now (and whether Global Privacy Control decided it), and the switches to change or withdraw it. */
export function CookieSettingsForm({ scripts, revision, choiceCookieName, gpcHeader }: { scripts: TCategoryScriptInPage[]; revision: string; choiceCookieName: string; gpcHeader: boolean }) {
  const effective = useEffectiveChoice(choiceCookieName, revision, gpcHeader);
  // Keyed on the choice in force: the switches start from it, and again after every save.
  const key = effective === null ? 'unknown' : `${effective.state}:${effective.state === 'ask' ? '' : JSON.stringify(effective.choice)}`;
  // Outside the keyed form, so "saved" stays on screen when the form starts again from the new choice.
  const [message, setMessage] = useState<TMessage | null>(null);
  return <SettingsForm key={key} effective={effective} scripts={scripts} revision={revision} message={message} setMessage={setMessage} />;
}

type TMessage = { kind: 'ok' | 'error'; text: string };

function SettingsForm({
  effective,
  scripts,
  revision,
  message,
  setMessage,
}: {
  effective: TEffectiveChoice | null;
  scripts: TCategoryScriptInPage[];
  revision: string;
  message: TMessage | null;
  setMessage: (message: TMessage | null) => void;
}) {
  const [draft, setDraft] = useState<TCookieChoice>(effective === null || effective.state === 'ask' ? REJECT_ALL : effective.choice);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="space-y-5"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setMessage(null);
        const failure = await saveChoice(draft, revision, 'settings');
        setBusy(false);
        setMessage(failure ? { kind: 'error', text: failure } : { kind: 'ok', text: 'Your choice is saved. Cookies of a category you turned off have been removed.' });
      }}
    >
      <div aria-live="polite" className="text-sm text-ink">
        {effective === null ? null : effective.state === 'gpc' ? (
          <p className="rounded-md border border-brand-600 bg-brand-50 p-3">
            Your browser sends the Global Privacy Control signal. We honoured it: it counts as &quot;Reject all&quot;, so no optional cookie is set and no optional script is loaded. You can
            still choose otherwise below.
          </p>
        ) : effective.state === 'chosen' && effective.gpc ? (
          <p className="rounded-md border border-brand-600 bg-brand-50 p-3">
            Your browser sends the Global Privacy Control signal. The choice below is the one you made here, which applies instead of the signal.
          </p>
        ) : effective.state === 'ask' ? (
          <p>You have not made a choice yet: until you do, only necessary cookies are set.</p>
        ) : (
          <p>Below is the choice you made. Change it, or turn a category off to withdraw your consent.</p>
        )}
      </div>
      <ChoiceFields idPrefix="cookie-settings" choice={draft} onChange={setDraft} scripts={scripts} />
      {message ? (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`text-sm font-medium ${message.kind === 'error' ? 'text-red-800' : 'text-green-800'}`}>
          {message.text}
        </p>
      ) : null}
      <button type="submit" className={BUTTON} disabled={busy || effective === null}>
        Save my choice
      </button>
    </form>
  );
}
