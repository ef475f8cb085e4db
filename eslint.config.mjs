// Import boundaries are enforced here, not by memory (DESIGN.md, Architecture).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeAndDriver = [
  { name: 'electron', message: 'renderer/ and shared/ never import electron.' },
  { name: 'better-sqlite3-multiple-ciphers', message: 'Only electron/core talks to the database driver.' },
  ...['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'stream', 'util', 'buffer', 'events'].map(
    (name) => ({ name, message: 'renderer/ and shared/ never import Node built-ins.' }),
  ),
];
const nodePatterns = [{ group: ['node:*'], message: 'renderer/ and shared/ never import Node built-ins.' }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: nodeAndDriver, patterns: nodePatterns }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'core, cli and preview run in plain Node and never import electron.' }] },
      ],
    },
  },
  // Inside core (DESIGN.md, Architecture). Type-only imports are allowed: they leave no code behind.
  {
    files: ['electron/core/db/migrations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../**', '../../**', '**/shared/**'],
              allowTypeImports: true,
              message: 'A migration imports nothing live: copy what it needs into it, frozen as it was when the migration was written.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/*/handlers.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/handlers', '../*/handlers.ts'],
              message: "A feature's handlers do not import another feature's handlers: call its services, or combine tables in handlers/index.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/vault/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../backup/**', '../backup'], message: 'The vault does not depend on backups (backups depend on the vault).' }] },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
