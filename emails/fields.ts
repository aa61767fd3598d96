import { z } from 'zod';

/** A link in a message: absolute http(s) only, so an href can never be `javascript:` or `data:`. */
export const ZEmailLink = z.url({ protocol: /^https?$/ }).max(2000);

/** A person's name as it appears in a greeting. */
export const ZEmailName = z.string().trim().min(1).max(200);
