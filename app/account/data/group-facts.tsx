import type { TDataGroupDescription } from '@/lib/privacy/describe-data-group';

/** Why a group of data is held and for how long, as the personal-data map says. */
export function GroupFacts({ group }: { group: TDataGroupDescription }) {
  return (
    <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[9rem_1fr]">
      <dt className="font-medium text-neutral-700">Legal basis</dt>
      <dd className="text-ink">
        {group.legalBases.length > 0 ? (
          <ul className="space-y-0.5">
            {group.legalBases.map((basis) => (
              <li key={basis}>{basis}</li>
            ))}
          </ul>
        ) : (
          'No personal values of their own'
        )}
      </dd>
      <dt className="font-medium text-neutral-700">How long it is kept</dt>
      <dd className="text-ink">
        {group.retention.length > 0 ? (
          <ul className="space-y-0.5">
            {group.retention.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        ) : (
          'As long as the entry it belongs to'
        )}
      </dd>
    </dl>
  );
}
