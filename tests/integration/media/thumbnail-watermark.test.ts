import { eq, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getThumb } from '@/app/media/thumb/[id]/route';
import { imageMedia } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { getBoss, stopBoss } from '@/lib/jobs/boss';
import { deriveImages } from '@/lib/media/derive-images';
import { ingestImage } from '@/lib/media/ingest-image';
import { currentDerivativeSettings, derivativeStyle } from '@/lib/media/derivative-style';
import { rerenderDerivatives } from '@/lib/media/rerender-derivatives';
import { changeSetting } from '@/lib/settings/change-settings';
import { getSetting } from '@/lib/settings/get-setting';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { staffActorFor } from '@/tests/helpers/staff-actor';
import { drawPicture } from '@/tooling/demo/draw-picture';
import { pixelDifference } from '../../unit/media/image-fixtures';

/** The thumbnail exactly as a guest's browser gets it: through the public route, no session. */
async function guestThumb(imageId: number): Promise<{ bytes: Buffer; etag: string | null }> {
  const response = await getThumb(new Request(`http://stockroom.test/media/thumb/${imageId}`), { params: Promise.resolve({ id: String(imageId) }) });
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), etag: response.headers.get('etag') };
}

const rerenderJobs = async () => (await (await getBoss()).findJobs('media.rerender-derivatives')).length;

let admin: TStaffActor;
let original: Buffer;
let imageId: number;
let cleanRender: Buffer;

beforeAll(async () => {
  admin = await staffActorFor('admin');
  original = await drawPicture({ seed: 77, orientation: 'landscape', theme: 'hills', longEdge: 1200 });
  ({ imageId } = await ingestImage({ source: original, fileName: 'thumb.jpg', publish: true }));
  cleanRender = (await deriveImages(original, await getSetting('media.watermark'), { cleanThumbnail: true })).thumb.bytes;
});

afterAll(async () => {
  await stopBoss();
  await closeDatabase();
});

/**
 * The run's test files share one database: images other files made (some with their originals
 * already removed) would be re-rendered, or fail, with ours. Mark them as made with the current
 * settings, so the counts are about this file's images only.
 */
async function settleOtherImages(ours: number[]) {
  const style = derivativeStyle(await currentDerivativeSettings());
  await db.update(imageMedia).set({ derivedStyle: style }).where(notInArray(imageMedia.imageId, ours));
}

describe('thumbnails and the watermark', () => {
  it('gives a guest a watermarked thumbnail by default: it differs from a clean render of the same picture', async () => {
    expect(await getSetting('media.cleanThumbnails')).toBe(false);
    const { bytes } = await guestThumb(imageId);
    expect(await pixelDifference(bytes, cleanRender)).toBeGreaterThan(2);
  });

  it('leaves thumbnails clean once the owner chooses so: the change queues a re-render, which switches existing files', async () => {
    const before = await guestThumb(imageId);
    const jobs = await rerenderJobs();
    expect(await changeSetting(admin, 'media.cleanThumbnails', true)).toEqual({ changed: ['media.cleanThumbnails'] });
    expect(await rerenderJobs()).toBe(jobs + 1);

    await settleOtherImages([imageId]);
    const result = await rerenderDerivatives();
    expect(result.failed).toBe(0);
    expect(result.rerendered).toBeGreaterThanOrEqual(1);
    const after = await guestThumb(imageId);
    expect(await pixelDifference(after.bytes, cleanRender)).toBe(0);
    expect(after.etag).not.toBe(before.etag);

    // A new image follows the setting from the start.
    const { imageId: fresh } = await ingestImage({ source: original, fileName: 'fresh.jpg', publish: true });
    expect(await pixelDifference((await guestThumb(fresh)).bytes, cleanRender)).toBe(0);

    // Nothing left to do: a second run renders nothing.
    await settleOtherImages([imageId, fresh]);
    expect(await rerenderDerivatives()).toEqual({ rerendered: 0, failed: 0 });

    await changeSetting(admin, 'media.cleanThumbnails', false);
    await rerenderDerivatives();
    expect(await pixelDifference((await guestThumb(imageId)).bytes, cleanRender)).toBeGreaterThan(2);
    expect(await pixelDifference((await guestThumb(fresh)).bytes, cleanRender)).toBeGreaterThan(2);
  });

  it('re-renders derivatives made before their style was recorded, and with a changed watermark text', async () => {
    await db.update(imageMedia).set({ derivedStyle: null }).where(eq(imageMedia.imageId, imageId));
    const before = await guestThumb(imageId);
    expect((await rerenderDerivatives()).rerendered).toBeGreaterThanOrEqual(1);
    const [row] = await db.select({ derivedStyle: imageMedia.derivedStyle }).from(imageMedia).where(eq(imageMedia.imageId, imageId));
    expect(row?.derivedStyle).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await pixelDifference((await guestThumb(imageId)).bytes, before.bytes)).toBe(0);

    const watermark = await getSetting('media.watermark');
    await changeSetting(admin, 'media.watermark', { ...watermark, text: 'QUITE ANOTHER MARK', position: 'center', opacity: 0.9 });
    await rerenderDerivatives();
    expect(await pixelDifference((await guestThumb(imageId)).bytes, before.bytes)).toBeGreaterThan(1);
    await changeSetting(admin, 'media.watermark', watermark);
    await rerenderDerivatives();
  });
});
