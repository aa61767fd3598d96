/**
 * The import zones of eslint.config.mjs, through ESLint's own API: each line is linted as if it
 * were a file at that path, and the import names a real file, so the zone rule sees the same
 * resolved target whatever the import's form (alias or relative). Those marked "passed before"
 * went through the old alias-only patterns unnoticed: app/ into the database by a deeper relative
 * path or through lib/db, lib/ into app/ and db/ into lib/ by relative paths.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// import/no-cycle needs the linted file on disk to build its module map; it is not what is tested here.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { rules: { 'import/no-cycle': 'off' } } });

async function zoneErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [probe];\n`, { filePath });
  return result!.messages.filter((message) => message.ruleId === 'boundaries/dependencies' || message.ruleId === 'no-restricted-imports').map((message) => `${message.ruleId}: ${message.message}`);
}

/** [file, import] pairs; every import names an existing file. */
const FORBIDDEN: [string, string][] = [
  // app/ and proxy.ts: no database (db/, lib/db), no templates, nothing outside the application.
  ['app/account/probe.ts', "import * as probe from '../../db/schema';"],
  ['app/account/sessions/probe.ts', "import * as probe from '../../../db/schema';"], // passed before
  ['app/account/probe.ts', "import * as probe from '@/db/schema';"],
  ['app/account/probe.ts', "import * as probe from '@/lib/db/client';"], // passed before
  ['app/account/probe.ts', "import * as probe from '../../lib/db/client';"], // passed before
  ['app/account/probe.ts', "import type * as probe from '@/db/schema';"],
  ['app/account/probe.ts', "const probe = await import('../../db/schema');"],
  ['app/probe.ts', "import * as probe from '../emails/index';"],
  ['app/probe.ts', "import * as probe from '../tests/helpers/actor-factory';"],
  ['proxy.ts', "import * as probe from './db/schema';"],
  ['proxy.ts', "import * as probe from '@/lib/db/client';"],
  // lib/: never app/ nor anything outside the application; templates only in lib/mail.
  ['lib/accounts/probe.ts', "import * as probe from '../../app/account/actions';"], // passed before
  ['lib/accounts/probe.ts', "import * as probe from '@/app/account/actions';"],
  ['lib/db/probe.ts', "import * as probe from '../../app/account/actions';"], // passed before
  ['lib/mail/probe.ts', "import * as probe from '@/app/account/actions';"],
  ['lib/accounts/probe.ts', "import * as probe from '../../scripts/start';"],
  ['lib/accounts/probe.ts', "import * as probe from '../../tests/helpers/actor-factory';"],
  ['lib/accounts/probe.ts', "import * as probe from '../../emails/index';"],
  // db/: tables and data only.
  ['db/schema/probe.ts', "import * as probe from '../../lib/env';"], // passed before
  ['db/schema/probe.ts', "import * as probe from '@/lib/env';"],
  ['db/seed/probe.ts', "import * as probe from '../../lib/db/client';"], // passed before
  ['db/schema/probe.ts', "import * as probe from '../../app/account/actions';"],
  // emails/: rendered by lib/mail, reaching nothing else.
  ['emails/probe.ts', "import * as probe from '../db/schema';"],
  ['emails/probe.ts', "import * as probe from '../app/account/actions';"],
  // tooling/: lib and db, never app.
  ['tooling/probe.ts', "import * as probe from '../app/account/actions';"],
  ['tooling/probe.ts', "import * as probe from '@/app/account/actions';"],
  // drizzle-orm stays out of app/ (a package, so it is named, not zoned).
  ['app/account/probe.ts', "import * as probe from 'drizzle-orm';"],
];

const ALLOWED: [string, string][] = [
  ['app/account/probe.ts', "import * as probe from '../../lib/accounts/update-profile';"],
  ['app/account/probe.ts', "import * as probe from '@/lib/accounts/update-profile';"],
  ['app/account/probe.ts', "import * as probe from './actions';"],
  ['app/dev/mail/probe.ts', "import * as probe from '@/lib/mail/dev-mailbox';"],
  ['proxy.ts', "import * as probe from './lib/env';"],
  ['lib/accounts/probe.ts', "import * as probe from '../../db/schema';"],
  ['lib/accounts/probe.ts', "import * as probe from '../db/client';"],
  ['lib/db/probe.ts', "import * as probe from '../env';"],
  ['lib/mail/probe.ts', "import * as probe from '../../emails/index';"],
  ['db/schema/probe.ts', "import * as probe from './accounts';"],
  ['emails/probe.ts', "import * as probe from './fields';"],
  ['tooling/probe.ts', "import * as probe from '../lib/db/client';"],
  ['tooling/probe.ts', "import * as probe from '../db/schema';"],
  ['scripts/probe.ts', "import * as probe from '../db/schema';"],
  ['scripts/probe.ts', "import * as probe from '../lib/db/client';"],
  ['tests/unit/probe.ts', "import * as probe from '../../app/account/actions';"],
  ['tests/unit/probe.ts', "import * as probe from '../../emails/index';"],
  ['tests/unit/probe.ts', "import * as probe from '@/db/schema';"],
  ['bench/probe.ts', "import * as probe from '../db/schema';"],
];

describe('import zones', () => {
  // The first file loads the configuration, its plugins and the TypeScript resolver: seconds on a busy machine.
  beforeAll(() => zoneErrors('app/probe.ts', 'const probe = 1;'), 120_000);

  it.each(FORBIDDEN)('%s: %s is an error', async (filePath, code) => {
    expect(await zoneErrors(filePath, code)).toHaveLength(1);
  }, 30_000);

  it.each(ALLOWED)('%s: %s is allowed', async (filePath, code) => {
    expect(await zoneErrors(filePath, code)).toEqual([]);
  }, 30_000);

  it('explains a refusal', async () => {
    expect(await zoneErrors('app/account/probe.ts', "import * as probe from '../../db/schema';")).toEqual([
      expect.stringContaining('reach the database only through a lib/ use case'),
    ]);
  }, 30_000);
});
