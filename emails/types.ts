import type { z } from 'zod';

/** What every template knows besides its own data. */
export type TEmailContext = { siteName: string; siteUrl: string };

export type TRenderedEmail = {
  subject: string;
  html: string;
  text: string;
  /** Marketing mail only: the one-click unsubscribe link, sent as List-Unsubscribe with List-Unsubscribe-Post (RFC 8058). */
  listUnsubscribe?: string;
};

export type TEmailTemplate<S extends z.ZodType> = {
  /** Checks the data before rendering; links must be http(s) so an href can never run script. */
  schema: S;
  render: (data: z.output<S>, context: TEmailContext) => TRenderedEmail;
};

export function defineEmail<S extends z.ZodType>(template: TEmailTemplate<S>): TEmailTemplate<S> {
  return template;
}
