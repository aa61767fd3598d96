import { setEnv } from '@/lib/env';
import { runScript } from './run-script';
import { ensureProductionBuild } from './production-build';
import { launch, stopOnSignal } from './start';

const DEMO_IMAGE_COUNT = 300;

/**
 * `npm run demo`: migrate, seed a catalog drawn on this machine, a demo customer and one demo
 * staff account per role (first run only), build when the sources changed, and serve the
 * production build. A second run reuses the data under data/ and starts in seconds.
 */
runScript(async () => {
  setEnv({ STOCKROOM_DEMO: '1' });
  const { ensureLocalSecrets } = await import('@/tooling/local-secrets');
  await ensureLocalSecrets();
  ensureProductionBuild();

  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  await migrateDatabase(database.url);

  const { countImages } = await import('@/tooling/demo/count-images');
  const existing = await countImages();
  if (existing < DEMO_IMAGE_COUNT) {
    const { seedCatalog } = await import('@/tooling/demo/seed-catalog');
    console.log(`Drawing and ingesting ${DEMO_IMAGE_COUNT - existing} demo images…`);
    const started = Date.now();
    await seedCatalog({ count: DEMO_IMAGE_COUNT - existing, seed: existing + 1 });
    console.log(`Catalog seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  const { createDemoAccounts } = await import('@/tooling/demo/create-demo-accounts');
  for (const account of await createDemoAccounts()) {
    if (account.kind === 'customer') {
      console.log(`Demo customer account: ${account.email}  password: ${account.password}  (shown once; not stored in plain text)`);
    } else {
      console.log(`Demo staff account (${account.role}): ${account.email}  password: ${account.password}  PIN: ${account.pin}  (shown once; not stored in plain text)`);
      console.log(`  authenticator app (add this otpauth:// URI, or a QR code of it): ${account.otpauthUri}`);
    }
  }

  const { ensureDemoSecurityAddress, DEMO_SECURITY_ADDRESS } = await import('@/tooling/demo/demo-security-address');
  if (await ensureDemoSecurityAddress()) console.log(`Security e-mails go to ${DEMO_SECURITY_ADDRESS} (read them in the dev mailbox; change it with npm run settings).`);

  const { ensureDemoSeller, DEMO_SELLER } = await import('@/tooling/demo/demo-seller');
  if (await ensureDemoSeller()) console.log(`Invoices name the demo seller ${DEMO_SELLER.name} (${DEMO_SELLER.vatNumber}); change it under Settings in the back office.`);

  const launched = await launch({ dev: false, demo: true });
  stopOnSignal(async () => {
    await launched.stop();
    await database.stop();
  });
  await new Promise<never>(() => {});
});
