import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PolicyBody } from '@/app/privacy/policy-body';
import { linkify, parsePolicy } from '@/app/privacy/policy-text';
import { registrationTexts } from '@/lib/content/site-texts';
import { closeDatabase } from '@/lib/db/client';
import { DEFAULT_PRIVACY_POLICY } from '@/lib/settings/default-privacy-policy';
import { settingDefinitions, type TSettingValue } from '@/lib/settings/definitions';
import { updateSetting } from '@/lib/settings/update-setting';

const HOSTILE_POLICY = [
  'Who we are <script>alert(1)</script>',
  'We are <img src=x onerror=alert(1)> a shop. Write to privacy@shop.example or see https://shop.example/contact.',
  '',
  'Links',
  '- <a href="javascript:alert(1)">click</a>',
  '- javascript:alert(document.cookie)',
  '- data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '- <svg onload=alert(1)>',
].join('\n');

const setPolicy = (text: string) => updateSetting('texts.privacyPolicy', text as TSettingValue<'texts.privacyPolicy'>);
const renderPolicy = (text: string) => renderToStaticMarkup(createElement(PolicyBody, { text }));

afterEach(async () => {
  await setPolicy(settingDefinitions['texts.privacyPolicy'].default);
});

afterAll(async () => {
  await closeDatabase();
});

describe('the privacy policy as plain text', () => {
  it('splits the default policy into its headings, paragraphs and bullet lists', () => {
    const blocks = parsePolicy(DEFAULT_PRIVACY_POLICY);
    expect(blocks.filter((block) => block.kind === 'heading').map((block) => block.text)).toEqual([
      'Who we are',
      'What we collect and why',
      'How long we keep it',
      'Your rights',
      'Cookies',
    ]);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      lines: ['This shop sells licences for photographs. We are the controller of the personal data described here.'],
    });
    const list = blocks.find((block) => block.kind === 'list');
    expect(list?.kind === 'list' ? list.items.length : 0).toBe(10);
    expect(list?.kind === 'list' ? list.items[0] : '').toMatch(/^Your account: name, e-mail address/);
  });

  it('keeps a run of short lines, like a postal address, in one paragraph', () => {
    const blocks = parsePolicy('Contact\nWrite to us at:\nStockroom Ltd\n12 Main Street\nDublin\nD02 X285\nWe answer within a month.');
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Contact' },
      { kind: 'paragraph', lines: ['Write to us at:', 'Stockroom Ltd', '12 Main Street', 'Dublin', 'D02 X285', 'We answer within a month.'] },
    ]);
  });

  it('accepts headings marked with # and Windows line ends', () => {
    expect(parsePolicy('# Data we hold\r\n- Name\r\n- E-mail\r\n\r\nThat is all.')).toEqual([
      { kind: 'heading', text: 'Data we hold' },
      { kind: 'list', items: ['Name', 'E-mail'] },
      { kind: 'paragraph', lines: ['That is all.'] },
    ]);
  });

  it('links only http(s) and e-mail addresses', () => {
    expect(linkify('See https://shop.example/a?b=1. Or javascript:alert(1) or mail dpo@shop.example.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://shop.example/a?b=1', href: 'https://shop.example/a?b=1' },
      { kind: 'text', text: '. Or javascript:alert(1) or mail ' },
      { kind: 'link', text: 'dpo@shop.example', href: 'mailto:dpo@shop.example' },
      { kind: 'text', text: '.' },
    ]);
  });
});

describe('rendering a hostile stored policy', () => {
  it('shows markup and script as text: no script element, no handler, no javascript: or data: link', async () => {
    await setPolicy(HOSTILE_POLICY);
    const { privacyNotice } = await registrationTexts();
    expect(privacyNotice.text).toBe(HOSTILE_POLICY);

    const html = renderPolicy(privacyNotice.text);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<a [^>]*href="(?:javascript|data):/i);
    // No real tag carries an event handler (the escaped text may, harmlessly, still say onerror=).
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
    // The words are still there, escaped, for a reader to see.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('javascript:alert(document.cookie)');
    // Only the safe addresses became links.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual(['mailto:privacy@shop.example', 'https://shop.example/contact']);
  });

  it('gives the stored policy a new version when it changes', async () => {
    const before = (await registrationTexts()).privacyNotice.version;
    await setPolicy(`${DEFAULT_PRIVACY_POLICY}\n\nChanged.`);
    const after = (await registrationTexts()).privacyNotice.version;
    expect(after).toMatch(/^[0-9a-f]{12}$/);
    expect(after).not.toBe(before);
  });
});
