/**
 * HTML that is safe by construction: `html` escapes every interpolated value unless it is itself
 * the result of `html`, so a template cannot forget to escape a name or a link.
 */

const SAFE_HTML = Symbol('safe-html');

export type TSafeHtml = { readonly [SAFE_HTML]: true; readonly value: string };

export type THtmlValue = string | number | TSafeHtml | null | undefined | false | readonly THtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

function isSafeHtml(value: unknown): value is TSafeHtml {
  return typeof value === 'object' && value !== null && SAFE_HTML in value;
}

function render(value: THtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (isSafeHtml(value)) return value.value;
  if (Array.isArray(value)) return value.map((item: THtmlValue) => render(item)).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: THtmlValue[]): TSafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return { [SAFE_HTML]: true, value: out };
}

export const toHtmlString = (fragment: TSafeHtml): string => fragment.value;
