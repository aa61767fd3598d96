import { notFound } from 'next/navigation';
import { isTextKey, type TTextKey } from '@/lib/settings/text-versions';

/** The text named in the address (/staff/texts/privacyPolicy), or a 404. */
export function textKeyFrom(name: string): TTextKey {
  const key = `texts.${name}`;
  if (!isTextKey(key)) notFound();
  return key;
}
