import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import boundaries from 'eslint-plugin-boundaries';

/**
 * Import zones (app -> lib -> db, never back), checked on the resolved file, so an alias
 * (`@/db/schema`) and a relative path (`../../db/schema`) are the same import. Each folder is one
 * element; the first pattern that matches a file names it, so lib/db and lib/mail come before lib.
 */
const ZONES = [
  { type: 'app', pattern: 'app' },
  { type: 'lib-db', pattern: 'lib/db' },
  { type: 'lib-mail', pattern: 'lib/mail' },
  { type: 'lib', pattern: 'lib' },
  { type: 'db', pattern: 'db' },
  { type: 'emails', pattern: 'emails' },
  { type: 'tooling', pattern: 'tooling' },
  { type: 'scripts', pattern: 'scripts' },
  { type: 'tests', pattern: 'tests' },
  { type: 'bench', pattern: 'bench' },
].map((zone) => ({ ...zone, partialMatch: false }));

const LIB = ['lib', 'lib-db', 'lib-mail'];
const OUTSIDE_THE_APPLICATION = ['tooling', 'scripts', 'tests', 'bench'];
const zone = (...types) => ({ element: { types: { anyOf: types } } });
const never = (from, to, message) => ({ from, disallow: { to }, message });

const APP_RULE = 'app/ and proxy.ts reach the database only through a lib/ use case, and templates only through lib/mail.';
const ZONE_POLICIES = [
  never(zone('app'), zone('db', 'lib-db', 'emails', ...OUTSIDE_THE_APPLICATION), APP_RULE),
  // proxy.ts sits at the root, outside every folder element: it is named by its file.
  never({ file: { categories: 'proxy' } }, zone('db', 'lib-db', 'emails', ...OUTSIDE_THE_APPLICATION), APP_RULE),
  never(zone(...LIB), zone('app', ...OUTSIDE_THE_APPLICATION), 'lib/ never imports app/, tooling/, scripts/, tests/ or bench/.'),
  never(zone('lib', 'lib-db'), zone('emails'), 'Templates are rendered by lib/mail only.'),
  never(zone('db'), zone('app', ...LIB, 'emails', ...OUTSIDE_THE_APPLICATION), 'db/ holds tables and data only; it imports nothing from lib/ or app/.'),
  never(zone('emails'), zone('app', 'db', 'lib-db', ...OUTSIDE_THE_APPLICATION), 'Templates render what lib/mail gives them; they reach nothing else.'),
  never(zone('tooling'), zone('app', 'scripts', 'tests', 'bench'), 'tooling/ uses lib/ and db/, never app/.'),
];

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'data/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench/.work/**'] },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ['**/*.{ts,tsx,mts,mjs,js,jsx}'],
    rules: {
      // Cycles are errors, not warnings: found late they cost a refactor (see conventions).
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@next/next/no-img-element': 'off',
    },
  },
  {
    // Next's internals change without notice between releases. The typescript-eslint copy of
    // no-restricted-imports is a rule of its own, so the blocks below that set no-restricted-imports
    // for app/, lib/ and db/ do not replace this one.
    files: ['**/*.{ts,tsx,mts,mjs,js,jsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['next/dist', 'next/dist/*'], message: 'next/dist is private to Next.js: use its public exports (next, next/server, next/navigation, ...).' }] },
      ],
    },
  },
  { files: ['lib/env.ts'], rules: { 'no-restricted-properties': 'off' } },
  // One logger (lib/log): one line per event, no personal values, line breaks collapsed.
  { files: ['lib/**', 'app/**', 'proxy.ts'], ignores: ['lib/log/**'], rules: { 'no-console': 'error' } },
  {
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ZONES,
      'boundaries/files': [{ category: 'proxy', pattern: 'proxy.ts' }],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'allow', policies: ZONE_POLICIES }],
    },
  },
  {
    // Zones are about files; a package is named here. (tests/ and bench/ may read tables directly:
    // tests assert on stored rows, bench compares the server with raw SQL.)
    files: ['app/**', 'proxy.ts', 'emails/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['drizzle-orm', 'drizzle-orm/*'], message: 'Only lib/ and db/ use drizzle-orm: call a lib/ use case.' }] },
      ],
    },
  },
];

export default config;
