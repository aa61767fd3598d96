/**
 * Integration files run on this many workers, each on its own copy of the migrated database. Two
 * match the machine's two cores; the database server works alongside them.
 */
export const INTEGRATION_WORKERS = 2;
