import 'server-only';
import { AppError } from '@/lib/errors';
import { isTextKey } from '@/lib/settings/text-versions';
import { fillPlaceholders, unknownPlaceholders } from './fill-placeholders';
import { renderMarkdown } from './render-markdown';
import { placeholderValues } from './site-texts';

/** A draft rendered as the site would show it now (placeholders filled, sanitised), and the placeholders it does not know. */
export async function previewText(key: string, body: string): Promise<{ html: string; unknown: string[] }> {
  if (!isTextKey(key)) throw new AppError('INVALID_INPUT', 'There is no such text.');
  return { html: renderMarkdown(fillPlaceholders(body, await placeholderValues())), unknown: unknownPlaceholders(body) };
}
