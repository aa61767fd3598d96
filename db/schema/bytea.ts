import { customType } from 'drizzle-orm/pg-core';

/** A binary column, read and written as a Buffer (node-postgres' own mapping for bytea). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
