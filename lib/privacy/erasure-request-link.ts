import 'server-only';
import { serverEnv } from '@/lib/env';

export const ERASURE_LINK_PATH = '/delete-account';

/** How long the mailed link confirms: long enough to read the mail, then it must be asked for again. */
export const ERASURE_LINK_HOURS = 48;

export const erasureLinkUrl = (token: string) => `${serverEnv().APP_URL}${ERASURE_LINK_PATH}/${token}`;
