/**
 * The catalog listener (lib/server/listen-for-catalog-changes.ts) on a real Postgres: a committed
 * publish, withdrawal, metadata or price change reaches it at once; a rolled-back one never does;
 * after its connection is killed it reconnects, reports the gap, and hears the next change.
 */
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { notifyCatalogChanged } from '@/lib/catalog/catalog-changed';
import { cachedSearchCount, forgetSearchCounts } from '@/lib/catalog/search-count-cache';
import { updatePriceTiers } from '@/lib/catalog/price-lists/update-price-tiers';
import { setImagePublished } from '@/lib/catalog/staff/set-image-published';
import { updateImageDetails } from '@/lib/catalog/staff/update-image-details';
import { closeDatabase, db } from '@/lib/db/client';
import { databaseEnv } from '@/lib/env';
import { CATALOG_LISTENER_APPLICATION_NAME, listenForCatalogChanges, type TCatalogListener } from '@/lib/server/listen-for-catalog-changes';
import { createImage, createPriceList } from '../../helpers/catalog-factory';
import { staffActorFor } from '../../helpers/staff-actor';

let listener: TCatalogListener | null = null;
afterEach(async () => {
  await listener?.close();
  listener = null;
});
afterAll(closeDatabase);

function startListener(retryMs = 100) {
  const heard = { count: 0 };
  listener = listenForCatalogChanges({ connectionString: databaseEnv().DATABASE_URL!, retryMs, onChange: () => (heard.count += 1) });
  return heard;
}

async function until(check: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('catalog change listener', () => {
  it('hears a committed publish and withdrawal at once, and a rolled-back change never', async () => {
    const heard = startListener();
    await listener!.ready;
    const actor = await staffActorFor('catalog');
    const imageId = await createImage({ published: false });

    const started = Date.now();
    await setImagePublished(actor, imageId, true);
    await until(() => heard.count === 1);
    expect(Date.now() - started).toBeLessThan(2_000);
    await setImagePublished(actor, imageId, false);
    await until(() => heard.count === 2);

    await db
      .transaction(async (tx) => {
        await notifyCatalogChanged(tx);
        throw new Error('roll back');
      })
      .catch(() => {});
    // Refused use cases roll back too: nothing is announced.
    await setImagePublished(actor, imageId, false).catch(() => {});
    await pause(300);
    expect(heard.count).toBe(2);
  });

  it('hears an edit of a published image and a price change, but not an edit of an unpublished one', async () => {
    const heard = startListener();
    await listener!.ready;
    const actor = await staffActorFor('catalog');
    const hidden = await createImage({ published: false });
    const shown = await createImage({ published: true });
    const form = { title: 'Edited', licenceModel: 'rights_managed', modelRelease: 'none', peopleCount: '0' };
    await updateImageDetails(actor, hidden, form);
    await pause(300);
    expect(heard.count).toBe(0);
    await updateImageDetails(actor, shown, form);
    await until(() => heard.count === 1);
    const listId = await createPriceList();
    await updatePriceTiers(actor, listId, { [`${listId}.S.longEdgePx`]: '900', [`${listId}.S.price`]: '20' });
    await until(() => heard.count === 2);
  });

  it('reconnects after its connection is killed, reports the gap, and hears the next change', async () => {
    const heard = startListener(50);
    await listener!.ready;
    const killed = await db.execute<{ ended: boolean }>(
      sql`select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = ${CATALOG_LISTENER_APPLICATION_NAME} and datname = current_database()`,
    );
    expect(killed.rows.map((row) => row.ended)).toEqual([true]);
    // Back and listening: the gap counts as a change (one may have been missed meanwhile).
    await until(() => heard.count === 1);
    const actor = await staffActorFor('catalog');
    await setImagePublished(actor, await createImage({ published: false }), true);
    await until(() => heard.count === 2);
  });

  it('clears the search counts every copy of the count cache shares', async () => {
    let counted = 0;
    const count = async () => ++counted;
    expect(await cachedSearchCount('listener-test', count)).toBe(1);
    expect(await cachedSearchCount('listener-test', count)).toBe(1);
    // What the web server's listener calls on a change (lib/server/start-web-server.ts).
    forgetSearchCounts();
    expect(await cachedSearchCount('listener-test', count)).toBe(2);
    expect((globalThis as { __stockroomSearchCounts?: Map<string, unknown> }).__stockroomSearchCounts?.has('listener-test')).toBe(true);
  });
});
