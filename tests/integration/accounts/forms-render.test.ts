/**
 * The account forms rendered to HTML as the server sends them: every field labelled, hints and
 * errors tied to their field, the consent hashes in the form, nothing pre-ticked, no inline style
 * (the CSP has no 'unsafe-inline'). The browser behaviour is covered by tests/e2e/accounts.spec.ts.
 */
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorSummary } from '@/app/_components/error-summary';
import { CheckboxField, RadioGroup, TextField } from '@/app/_components/form-fields';
import { ActivateForm } from '@/app/(auth)/activate/[token]/activate-form';
import { LoginForm } from '@/app/(auth)/login/login-form';
import { RegisterForm } from '@/app/(auth)/register/register-form';
import { ResetPasswordForm } from '@/app/(auth)/reset-password/[token]/reset-password-form';
import { INVALID_ACTIVATION_LINK } from '@/lib/accounts/activate-account';
import { countryOptions } from '@/lib/accounts/countries';
import { PASSWORD_RULES_TEXT } from '@/lib/auth/password-policy';
import { registrationTexts } from '@/lib/content/site-texts';
import { closeDatabase } from '@/lib/db/client';

afterAll(async () => {
  await closeDatabase();
});

const render = <P extends object>(component: ComponentType<P>, props: P) => renderToStaticMarkup(createElement(component, props));

type TTag = { tag: string; attributes: Record<string, string> };

/** The opening tags of form controls, with their attributes (names lower-cased, as HTML reads them). */
function controls(html: string): TTag[] {
  return [...html.matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)].map((match) => ({
    tag: match[1]!,
    attributes: Object.fromEntries([...match[2]!.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)].map((attribute) => [attribute[1]!.toLowerCase(), attribute[2] ?? ''])),
  }));
}

const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const textOf = (fragment: string) => decode(fragment.replace(/<[^>]+>/g, '')).trim();

/** The visible label of each id, from <label for="…">. */
function labels(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<label\b[^>]*\bfor="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)].map((match) => [match[1]!, textOf(match[2]!)]));
}

function elementText(html: string, id: string): string | null {
  const match = new RegExp(`<(\\w+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return match ? textOf(match[2]!) : null;
}

/** Every visible control has an id, a non-empty label; ids are unique; every aria-describedby target exists. */
function expectAccessibleControls(html: string) {
  const found = controls(html);
  const labelled = labels(html);
  const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!);
  expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
  for (const control of found) {
    const { tag, attributes } = control;
    if (tag === 'button' || attributes.type === 'hidden' || attributes.type === 'submit') continue;
    expect(attributes.id, `${tag} ${attributes.name} has an id`).toBeTruthy();
    expect(labelled.get(attributes.id!), `${attributes.name} has a visible label`).toBeTruthy();
    for (const described of (attributes['aria-describedby'] ?? '').split(' ').filter(Boolean)) {
      expect(ids, `${attributes.name} describedby ${described}`).toContain(described);
    }
  }
  expect(html).not.toMatch(/\sstyle="/);
  // The only script is React's own form-replay snippet, which Next.js renders with the CSP nonce.
  for (const script of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(script).toContain('$$reactFormReplay');
}

describe('registration form', () => {
  async function registerHtml() {
    const texts = await registrationTexts();
    return {
      texts,
      html: render(RegisterForm, {
        countries: countryOptions().map((country) => ({ value: country.code, label: country.name })),
        customFields: [
          { name: 'custom_heard_from', label: 'Where did you hear about us', required: true, yesNo: false },
          { name: 'custom_agency', label: 'Are you an agency?', required: false, yesNo: true },
        ],
        texts: {
          noticeSha256: texts.privacyNotice.sha256,
          ageConfirmation: texts.ageConfirmation,
          parentalConsent: texts.parentalConsent,
          marketingOptIn: texts.marketingOptIn,
        },
        passwordRules: PASSWORD_RULES_TEXT,
      }),
    };
  }

  it('labels every field, with the rules shown next to the password', async () => {
    const { html } = await registerHtml();
    expectAccessibleControls(html);
    const labelled = labels(html);
    expect(labelled.get('field-fullName')).toBe('Full name');
    expect(labelled.get('field-email')).toBe('E-mail address');
    expect(labelled.get('field-password')).toBe('Password');
    expect(labelled.get('field-company')).toBe('Company (optional)');
    expect(labelled.get('field-countryCode')).toBe('Country (optional)');
    expect(labelled.get('field-custom_heard_from')).toBe('Where did you hear about us');
    expect(labelled.get('field-custom_agency-yes')).toBe('Yes');
    expect(labelled.get('field-custom_agency-no')).toBe('No');

    const password = controls(html).find((control) => control.attributes.name === 'password')!;
    expect(password.attributes.type).toBe('password');
    expect(password.attributes.autocomplete).toBe('new-password');
    expect(password.attributes.value).toBeUndefined();
    expect(elementText(html, password.attributes['aria-describedby']!)).toBe(
      'At least 8 characters and at most 72 bytes (72 plain letters or digits, fewer with accents or emoji), and not a commonly used password.',
    );
  });

  it('offers the age choice as two unticked radios with the configured wording, and an unticked marketing box', async () => {
    const { html, texts } = await registerHtml();
    const labelled = labels(html);
    expect(labelled.get('field-age-adult')).toBe('I am 16 years or older.');
    expect(labelled.get('field-age-parental')).toBe(texts.parentalConsent.text);
    expect(labelled.get('field-marketing')).toBe(texts.marketingOptIn.text);
    const age = controls(html).filter((control) => control.attributes.name === 'age');
    expect(age.map((control) => [control.attributes.type, control.attributes.value, 'checked' in control.attributes])).toEqual([
      ['radio', 'adult', false],
      ['radio', 'parental', false],
    ]);
    const marketing = controls(html).find((control) => control.attributes.name === 'marketing')!;
    expect(marketing.attributes.type).toBe('checkbox');
    expect('checked' in marketing.attributes).toBe(false);
    expect(html).toMatch(/<fieldset role="radiogroup" aria-labelledby="field-age-legend"[^>]*><legend id="field-age-legend"[^>]*>Your age<\/legend>/);
  });

  it('carries the hashes of the texts shown', async () => {
    const { html, texts } = await registerHtml();
    const hidden = Object.fromEntries(
      controls(html)
        .filter((control) => control.attributes.type === 'hidden')
        .map((control) => [control.attributes.name, control.attributes.value]),
    );
    expect(hidden).toEqual({
      shownNotice: texts.privacyNotice.sha256,
      shownAgeAdult: texts.ageConfirmation.sha256,
      shownAgeParental: texts.parentalConsent.sha256,
      shownMarketing: texts.marketingOptIn.sha256,
    });
  });

  it('lists every country by its ISO code', async () => {
    const { html } = await registerHtml();
    const options = [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((match) => [match[1], match[2]]);
    expect(options[0]).toEqual(['', 'Choose a country']);
    expect(options).toHaveLength(250);
    expect(options).toContainEqual(['DE', 'Germany']);
    expect(options).toContainEqual(['IE', 'Ireland']);
  });
});

describe('fields with errors', () => {
  it('ties the error to its field and marks the field invalid', () => {
    const html = render(TextField, { name: 'password', label: 'Password', type: 'password', hint: 'The rules', error: 'Use at most 72 bytes.' });
    const [input] = controls(html);
    expect(input!.attributes['aria-invalid']).toBe('true');
    expect(input!.attributes['aria-describedby']).toBe('field-password-hint field-password-error');
    expect(elementText(html, 'field-password-error')).toBe('Error: Use at most 72 bytes.');
  });

  it('leaves a field without an error unmarked', () => {
    const [input] = controls(render(TextField, { name: 'city', label: 'City' }));
    expect(input!.attributes['aria-invalid']).toBeUndefined();
    expect(input!.attributes['aria-describedby']).toBeUndefined();
  });

  it('marks a radio group and a checkbox with their error', () => {
    const group = render(RadioGroup, { name: 'age', legend: 'Your age', required: true, options: [{ value: 'adult', label: 'Adult' }], error: 'Confirm your age.' });
    expect(group).toMatch(/<fieldset role="radiogroup" aria-labelledby="field-age-legend" aria-required="true" aria-invalid="true" aria-describedby="field-age-error"><legend id="field-age-legend"[^>]*>Your age<\/legend>/);
    const box = render(CheckboxField, { name: 'terms', label: 'I agree', error: 'Tick the box.' });
    expect(controls(box)[0]!.attributes['aria-invalid']).toBe('true');
  });

  it('announces the summary and links each message to its field, in form order', () => {
    const html = render(ErrorSummary, {
      failure: { error: 'Please correct the marked fields.', fieldErrors: { password: 'Too long.', age: 'Choose one.', email: 'Not valid.' } },
      order: ['email', 'password', 'age'],
      targets: { age: 'field-age-adult' },
    });
    expect(html).toMatch(/^<div tabindex="-1" role="alert"/);
    expect([...html.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((match) => [match[1], match[2]])).toEqual([
      ['#field-email', 'Not valid.'],
      ['#field-password', 'Too long.'],
      ['#field-age-adult', 'Choose one.'],
    ]);
  });
});

describe('sign-in form', () => {
  it('labels its fields, prefills a remembered address and keeps both boxes as chosen', () => {
    const html = render(LoginForm, {
      next: '/account',
      rememberedEmail: 'kept@example.test',
      rememberDays: 30,
      reasonMessage: 'You were signed out because your account signed in on another computer.',
      initialErrorCode: null,
    });
    expectAccessibleControls(html);
    const labelled = labels(html);
    expect([...labelled.values()]).toEqual(['E-mail address', 'Password', 'Keep me signed in', 'Remember my e-mail']);
    const byName = Object.fromEntries(controls(html).map((control) => [control.attributes.name, control.attributes]));
    expect(byName.email!.value).toBe('kept@example.test');
    expect(byName.password!.value).toBeUndefined();
    expect('checked' in byName.remember!).toBe(false);
    expect('checked' in byName.rememberEmail!).toBe(true);
    expect(html).toMatch(/<div role="status"[^>]*>You were signed out because your account signed in on another computer\.<\/div>/);
    expect(html).toContain('href="/reset-password"');
    expect(html).toContain('href="/activate"');
  });

  it('leaves "Remember my e-mail" unticked when nothing is remembered, and shows an error code from the URL', () => {
    const html = render(LoginForm, { next: '/account', rememberedEmail: '', rememberDays: 30, reasonMessage: null, initialErrorCode: 'throttled:150' });
    const byName = Object.fromEntries(controls(html).map((control) => [control.attributes.name, control.attributes]));
    expect('checked' in byName.rememberEmail!).toBe(false);
    expect(byName.email!.value).toBe('');
    expect(html).toContain('Too many attempts. Try again in 3 minutes.');
  });
});

describe('pages behind mailed links', () => {
  it('shows only a button for a usable activation link (a GET changes nothing)', () => {
    const html = render(ActivateForm, { token: 'T'.repeat(43), usable: true, invalidMessage: INVALID_ACTIVATION_LINK });
    expect(controls(html).map((control) => [control.tag, control.attributes.type, control.attributes.name])).toEqual([
      ['input', 'hidden', 'token'],
      ['button', 'submit', undefined],
    ]);
    expect(html).toContain('Activate my account');
  });

  it('offers a resend form for an unusable activation link', () => {
    const html = render(ActivateForm, { token: 'bad', usable: false, invalidMessage: INVALID_ACTIVATION_LINK });
    expectAccessibleControls(html);
    expect(html).toContain(INVALID_ACTIVATION_LINK);
    expect(labels(html).get('field-email')).toBe('E-mail address');
    expect(html).toContain('Send the activation link again');
  });

  it('asks for the new password twice behind a usable reset link', () => {
    const html = render(ResetPasswordForm, { token: 'T'.repeat(43), usable: true, invalidMessage: 'x', passwordRules: PASSWORD_RULES_TEXT });
    expectAccessibleControls(html);
    expect([...labels(html).values()]).toEqual(['New password', 'Confirm new password']);
  });
});
