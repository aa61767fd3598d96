import 'server-only';
import { z } from 'zod';
import { serverEnv } from '@/lib/env';
import type { TMediaObject } from '@/lib/media/storage';

export const DATA_EXPORT_PATH = '/account/data/export';

/** Where an export's encrypted ZIP lives: its own area, a random key, .bin (it is not a readable ZIP). */
export const dataExportObject = (storageKey: string): TMediaObject => ({ area: 'exports', key: storageKey, extension: 'bin' });

/** My data, where the person downloads it signed in (the mail links there, not to the file). */
export const myDataUrl = () => `${serverEnv().APP_URL}/account/data`;

/** The name the person saves: the day the export was made, nothing personal. */
export const dataExportFileName = (madeAt: Date) => `stockroom-my-data-${madeAt.toISOString().slice(0, 10)}.zip`;

const ZDataExportId = z.uuid();
export const isDataExportId = (value: unknown): value is string => ZDataExportId.safeParse(value).success;
