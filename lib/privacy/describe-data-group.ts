import { legalBases, type TPersonalColumn } from './classification';
import { retentionDescriptions, type TRetentionDescriptions } from './retention-descriptions';
import { subjectPathOf, type TDataMap } from './subject-path';

/** What a person is told about one kind of data held about them: one table of the map. */
export type TDataGroupDescription = {
  table: string;
  title: string;
  purpose: string;
  legalBases: string[];
  retention: string[];
};

const ACRONYMS: Record<string, string> = { ip: 'IP', vat: 'VAT', os: 'OS', id: 'ID', sha256: 'SHA-256', totp: 'TOTP', pin: 'PIN', url: 'URL', pdf: 'PDF', pdfs: 'PDFs' };

/** 'full_name' -> 'Full name', 'ip_country_code' -> 'IP country code', 'net_total_minor' -> 'Net total (minor units)'. */
export function headingOf(name: string): string {
  const words = name.split('_').filter(Boolean);
  const suffix = words.at(-1) === 'minor' && words.length > 1 ? ' (minor units)' : '';
  const shown = suffix ? words.slice(0, -1) : words;
  const text = shown.map((word) => ACRONYMS[word] ?? word).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${suffix}`;
}

const personalColumnsOf = (map: TDataMap, table: string): TPersonalColumn[] =>
  Object.values(map[table]?.columns ?? {}).filter((column): column is TPersonalColumn => column.personal);

/**
 * The legal bases and retention of a table's personal columns, deduplicated. A table whose own
 * columns are all plain (the lines of an order) is held for the reasons of the row it belongs to,
 * so it takes its parent's. `retention`: the descriptions with the periods in force
 * (retentionDescriptionsInForce); the defaults only where no settings are at hand.
 */
export function describeDataGroup(map: TDataMap, table: string, retention: TRetentionDescriptions = retentionDescriptions()): TDataGroupDescription {
  const path = subjectPathOf(map, table);
  const chain = [table, ...(path?.hops.map((hop) => hop.parentTable) ?? [])];
  const columns = chain.map((name) => personalColumnsOf(map, name)).find((found) => found.length > 0) ?? [];
  return {
    table,
    title: headingOf(table),
    purpose: map[table]?.purpose ?? '',
    legalBases: [...new Set(columns.map((column) => legalBases[column.legalBasis]))],
    retention: [...new Set(columns.map((column) => retention[column.retention]))],
  };
}
