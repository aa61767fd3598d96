/**
 * HTML from lib/content/render-markdown.ts (markdown-it, then sanitize-html: no script, no
 * handler, only http, https and mailto links). Never pass anything else here.
 */
export function MarkdownView({ html, id, size = 'text-base leading-7' }: { html: string; id?: string; size?: string }) {
  return (
    <div
      id={id}
      className={`space-y-4 ${size} text-ink [&_a]:font-medium [&_a]:break-words [&_a]:text-brand-700 [&_a]:underline [&_a]:underline-offset-2 [&_blockquote]:border-l-4 [&_blockquote]:border-neutral-300 [&_blockquote]:pl-4 [&_code]:rounded [&_code]:bg-neutral-100 [&_code]:px-1 [&_h2]:pt-4 [&_h2]:text-xl [&_h2]:font-semibold [&_h2]:tracking-tight [&_h3]:pt-2 [&_h3]:text-lg [&_h3]:font-semibold [&_h4]:font-semibold [&_ol]:list-decimal [&_ol]:space-y-2 [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:space-y-2 [&_ul]:pl-6 [&_li]:marker:text-brand-700`}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
