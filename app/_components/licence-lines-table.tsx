import type { ReactNode } from 'react';

/**
 * The licences of a checkout review or an order, as the invoice will show them: one row per licence
 * (the caller's <tr>s) with net amount, VAT rate and VAT, and the totals in the footer.
 */
export function LicenceLinesTable({ rows, totals }: { rows: ReactNode; totals: ReactNode }) {
  return (
    <table className="w-full min-w-[36rem] border-collapse text-sm">
      <caption className="sr-only">Licences with net amount, VAT rate and VAT</caption>
      <thead>
        <tr className="border-b border-neutral-300 text-left">
          <th scope="col" className="py-2 pr-3 font-semibold text-ink">
            Licence
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-semibold text-ink">
            Net
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-semibold text-ink">
            VAT rate
          </th>
          <th scope="col" className="py-2 text-right font-semibold text-ink">
            VAT
          </th>
        </tr>
      </thead>
      <tbody>{rows}</tbody>
      <tfoot>{totals}</tfoot>
    </table>
  );
}
