import { Fragment } from 'react';
import { linkify, parsePolicy } from './policy-text';

function RichText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} className="font-medium break-all text-brand-700 underline underline-offset-2 hover:text-brand-800" rel="nofollow noopener">
            {part.text}
          </a>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

/** The policy as headings, paragraphs and lists; every character of it is rendered as text by React. */
export function PolicyBody({ text }: { text: string }) {
  return (
    <div className="space-y-4 text-base leading-7 text-ink">
      {parsePolicy(text).map((block, index) => {
        if (block.kind === 'heading') {
          return (
            <h2 key={index} className="pt-4 text-xl font-semibold tracking-tight text-ink">
              <RichText text={block.text} />
            </h2>
          );
        }
        if (block.kind === 'list') {
          return (
            <ul key={index} className="list-disc space-y-2 pl-6 marker:text-brand-700">
              {block.items.map((item, itemIndex) => (
                <li key={itemIndex}>
                  <RichText text={item} />
                </li>
              ))}
            </ul>
          );
        }
        return (
          <p key={index}>
            {block.lines.map((line, lineIndex) => (
              <Fragment key={lineIndex}>
                {lineIndex > 0 ? <br /> : null}
                <RichText text={line} />
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}
