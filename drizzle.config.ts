import { defineConfig } from 'drizzle-kit';

// drizzle-kit only diffs the schema files into SQL; it never connects, so it needs no credentials.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
