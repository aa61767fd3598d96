import Link from 'next/link';
import { acknowledgePolicyChangeAction } from './account/privacy/actions';
import { getOptionalUser } from '@/lib/auth/guards';
import { policyChangeFor } from '@/lib/content/policy-change';

/**
 * "Our privacy policy changed", for a signed-in customer who has not yet been shown a material
 * change, on every page until they confirm it. Guests (and cached pages) never see it.
 */
export async function PolicyChangedNotice() {
  const user = await getOptionalUser();
  if (!user) return null;
  const change = await policyChangeFor(user.userId);
  if (!change) return null;
  return (
    <section aria-labelledby="policy-changed-heading" className="border-b border-amber-300 bg-amber-50 print:hidden">
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div className="text-sm text-ink">
          <h2 id="policy-changed-heading" className="text-base font-semibold">
            Our privacy policy changed
          </h2>
          <ul className="mt-1 space-y-1">
            {change.notes.map((note) => (
              <li key={note.version}>
                <span className="font-medium">Version {note.version}, in force since {note.effectiveAt.toISOString().slice(0, 10)}:</span> {note.changeNote}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            <Link href="/privacy" className="font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900">
              Read the privacy policy
            </Link>
          </p>
        </div>
        <form action={acknowledgePolicyChangeAction}>
          <button type="submit" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800">
            I have seen it
          </button>
        </form>
      </div>
    </section>
  );
}
