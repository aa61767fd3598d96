import type { orderLines } from '@/db/schema';

type TLine = Pick<typeof orderLines.$inferSelect, 'imageId' | 'imageTitle' | 'licenceModel' | 'tier' | 'widthPx' | 'heightPx'>;

const LICENCE_NAMES = { royalty_free: 'Royalty-free licence', rights_managed: 'Rights-managed licence' } as const;

/** What an invoice line says it sells (art. 226(6)): the image, the licence, the size and the terms' version. */
export const licenceLineDescription = (line: TLine, termsVersion: string) =>
  `${LICENCE_NAMES[line.licenceModel]}: "${line.imageTitle}"${line.imageId ? ` (image ${line.imageId})` : ''}, size ${line.tier}, ${line.widthPx} × ${line.heightPx} px, licence terms ${termsVersion}`;
