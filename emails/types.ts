import type { z } from 'zod';

/** What every template knows besides its own data. */
export type TEmailContext = { siteName: string; siteUrl: string };

export type TRenderedEmail = { subject: string; html: string; text: string };

export type TEmailTemplate<S extends z.ZodType> = {
  /** Checks the data before rendering; links must be http(s) so an href can never run script. */
  schema: S;
  render: (data: z.output<S>, context: TEmailContext) => TRenderedEmail;
};

export function defineEmail<S extends z.ZodType>(template: TEmailTemplate<S>): TEmailTemplate<S> {
  return template;
}
