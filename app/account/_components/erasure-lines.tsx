import type { TErasureLine } from '@/lib/privacy/preview-erasure';

/** One side of an erasure preview (what is erased, or what is kept and why): "Delete my account" and the privacy desk. */
export function ErasureLines({ id, title, lines, empty, level = 2 }: { id: string; title: string; lines: TErasureLine[]; empty: string; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id} className="rounded-lg border border-neutral-200 p-5">
      <Heading id={id} className="text-lg font-semibold text-ink">
        {title}
      </Heading>
      {lines.length === 0 ? (
        <p className="mt-2 text-sm text-neutral-700">{empty}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {lines.map((line) => (
            <li key={`${line.what}-${line.detail}`} className="text-sm">
              <p className="font-medium text-ink">{line.what}</p>
              <p className="text-neutral-700">{line.detail}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
