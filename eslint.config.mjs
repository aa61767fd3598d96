import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const DATABASE_IMPORTS = {
  patterns: [
    { group: ['@/db', '@/db/*', '../db/*', '../../db/*'], message: 'Only lib/ and db/ reach the database: call a lib/ use case.' },
    { group: ['drizzle-orm', 'drizzle-orm/*'], message: 'Only lib/ and db/ use drizzle-orm: call a lib/ use case.' },
  ],
};
const EMAIL_TEMPLATES = { group: ['@/emails', '@/emails/*'], message: 'Templates are rendered by lib/mail only.' };

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
    // app -> lib -> db, never back.
    files: ['app/**', 'proxy.ts', 'emails/**', 'scripts/**', 'instrumentation.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...DATABASE_IMPORTS.patterns, EMAIL_TEMPLATES] }] },
  },
  {
    files: ['lib/**'],
    ignores: ['lib/mail/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/app', '@/app/*'], message: 'lib/ never imports app/.' }, EMAIL_TEMPLATES] },
      ],
    },
  },
  {
    files: ['lib/mail/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app', '@/app/*'], message: 'lib/ never imports app/.' }] }],
    },
  },
  {
    files: ['db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib', '@/lib/*', '@/app', '@/app/*'], message: 'db/ holds tables and data only; it imports nothing from lib/ or app/.' }] },
      ],
    },
  },
  // tests/ and bench/ may read tables directly: tests assert on stored rows, bench compares the server with raw SQL.
];

export default config;
