import 'server-only';
import { z } from 'zod';
import { serverEnv } from '@/lib/env';
import type { TMediaObject } from '@/lib/media/storage';

export const BUNDLE_PATH = '/account/downloads/bundle';

/** Where a bundle's ZIP lives in media storage: its own area, a random key, always .zip. */
export const bundleObject = (storageKey: string): TMediaObject => ({ area: 'bundles', key: storageKey, extension: 'zip' });

/** The link mailed to the buyer; it works only for them, signed in (app/account/downloads/bundle/[id]/route.ts). */
export const bundleUrl = (bundleId: string) => `${serverEnv().APP_URL}${BUNDLE_PATH}/${bundleId}`;

/** The name the buyer saves: the order number, nothing personal. */
export const bundleFileName = (orderNumber: number) => `stockroom-order-${orderNumber}.zip`;

const ZBundleId = z.uuid();
export const isBundleId = (value: unknown): value is string => ZBundleId.safeParse(value).success;
