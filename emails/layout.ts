import { html, toHtmlString, type TSafeHtml } from './html';
import type { TEmailContext, TRenderedEmail } from './types';

/**
 * The shared frame of every message. A template describes its content as blocks; the layout
 * writes the HTML part and the text part from the same blocks, so the two never disagree, and
 * escapes every value on the way into HTML.
 */
export type TEmailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'note'; text: string };

export type TEmailContent = {
  subject: string;
  /** The line mail programs show after the subject. */
  preheader: string;
  heading: string;
  blocks: TEmailBlock[];
};

const FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const INK = '#18201e';
const MUTED = '#55605d';
const BRAND = '#1f6f61';
const BRAND_DARK = '#11463d';
const BORDER = '#dde5e2';

export function renderLayout(context: TEmailContext, content: TEmailContent): TRenderedEmail {
  return { subject: content.subject, html: renderHtml(context, content), text: renderText(context, content) };
}

function renderHtml(context: TEmailContext, content: TEmailContent): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${content.subject}</title>
</head>
<body style="margin:0;padding:0;background:#f3f6f5;">
<div style="display:none;max-height:0;overflow:hidden;">${content.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f6f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border:1px solid ${BORDER};border-radius:8px;">
<tr><td style="padding:18px 28px;border-bottom:1px solid ${BORDER};font-family:${FONT};font-size:20px;font-weight:600;color:${BRAND_DARK};">${context.siteName}</td></tr>
<tr><td style="padding:28px;font-family:${FONT};font-size:16px;line-height:1.55;color:${INK};">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${INK};">${content.heading}</h1>
${content.blocks.map(renderHtmlBlock)}
</td></tr>
</table>
<p style="margin:16px 0 0;max-width:560px;font-family:${FONT};font-size:12px;line-height:1.5;color:${MUTED};">${context.siteName} · <a href="${context.siteUrl}" style="color:${MUTED};">${context.siteUrl}</a><br>This message was sent automatically; replies are not read.</p>
</td></tr>
</table>
</body>
</html>
`;
  return toHtmlString(page);
}

function renderHtmlBlock(block: TEmailBlock): TSafeHtml {
  switch (block.kind) {
    case 'paragraph':
      return html`<p style="margin:0 0 16px;">${block.text}</p>
`;
    case 'note':
      return html`<p style="margin:0 0 16px;font-size:14px;color:${MUTED};">${block.text}</p>
`;
    case 'link':
      return html`<p style="margin:0 0 16px;">${block.label}: <a href="${block.url}" style="color:${BRAND};">${block.url}</a></p>
`;
    case 'button':
      return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;"><tr><td style="border-radius:6px;background:${BRAND};"><a href="${block.url}" style="display:inline-block;padding:12px 22px;font-family:${FONT};font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;">${block.label}</a></td></tr></table>
<p style="margin:0 0 16px;font-size:14px;color:${MUTED};">If the button does not work, copy this address into your browser:<br><a href="${block.url}" style="color:${BRAND};word-break:break-all;">${block.url}</a></p>
`;
  }
}

function renderText(context: TEmailContext, content: TEmailContent): string {
  const lines = [context.siteName, '='.repeat(Math.min(context.siteName.length, 72)), '', content.heading, ''];
  for (const block of content.blocks) {
    if (block.kind === 'paragraph' || block.kind === 'note') lines.push(block.text, '');
    else lines.push(`${block.label}:`, block.url, '');
  }
  lines.push('-- ', `${context.siteName} · ${context.siteUrl}`, 'This message was sent automatically; replies are not read.', '');
  return lines.join('\n');
}
