import { runScript } from './run-script';

/**
 * Checks the audit trail's hash chain:  npm run audit:verify
 * Prints "chain intact, N entries" (exit 0) or the id of the first broken entry (exit 1). Safe
 * beside a running server: it only reads, and resolveDatabase finds the server's database.
 */
runScript(async () => {
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  let intact = false;
  try {
    await migrateDatabase(database.url);
    const { db, closeDatabase } = await import('@/lib/db/client');
    const { verifyAuditChain } = await import('@/lib/audit/verify-audit-chain');
    const report = await verifyAuditChain(db);
    await closeDatabase();
    if (report.intact) {
      const from = report.anchored ? ` (from entry #${report.firstId}; older entries were removed by retention)` : '';
      const erased = report.unverifiableErased > 0 ? `; ${report.unverifiableErased} entries written before hash format 2 had their address erased, so only their links were checked` : '';
      console.log(`chain intact, ${report.entries} entries${from}${erased}`);
      intact = true;
    } else {
      console.error(`chain broken at entry #${report.brokenId}: ${report.problem} (${report.entries} entries before it verified)`);
    }
  } finally {
    await database.stop();
  }
  if (!intact) process.exit(1);
});
