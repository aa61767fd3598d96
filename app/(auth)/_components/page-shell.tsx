import type { ReactNode } from 'react';

/** The frame of a sign-in, registration or link page: its heading, an optional intro, the content. */
export function PageShell({ title, intro, children, wide }: { title: string; intro?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`mx-auto px-4 py-10 sm:px-6 ${wide ? 'max-w-2xl' : 'max-w-md'}`}>
      <h1 className="text-2xl font-semibold tracking-tight text-ink">{title}</h1>
      {intro ? <div className="mt-2 text-neutral-700">{intro}</div> : null}
      <div className="mt-6">{children}</div>
    </div>
  );
}

/** A message box announced politely (role="status"): what happened, or what to do next. */
export function Notice({ tone = 'info', children }: { tone?: 'info' | 'success'; children: ReactNode }) {
  const colours = tone === 'success' ? 'border-brand-600 bg-brand-50' : 'border-neutral-300 bg-neutral-50';
  return (
    <div role="status" className={`rounded-md border px-4 py-3 text-sm text-ink ${colours}`}>
      {children}
    </div>
  );
}
