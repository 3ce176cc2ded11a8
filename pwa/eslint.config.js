// ESLint flat config: typescript-eslint (type-aware), the rules of hooks, jsx-a11y and the import boundaries
// that pwa/README.md states (shared -> features -> app; a feature never imports another feature).
import { readdirSync } from 'node:fs';
import path from 'node:path';

import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
// Read from disk so that a new feature folder is fenced in without editing this file.
const features = readdirSync(path.join(root, 'src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const boundaryZones = [
  {
    target: './src/shared',
    from: ['./src/features', './src/app'],
    message: 'shared/ is the bottom layer: it imports no feature and no app code (move the piece into shared/ or compose it in app/).',
  },
  {
    target: './src/features',
    from: './src/app',
    message: 'A feature does not import app/; app/ composes features.',
  },
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'A feature imports no other feature: compose them in app/, or move what several features need into shared/.',
  })),
];

export default defineConfig([
  globalIgnores(['dist/', 'dev-dist/', 'test-artifacts/', 'src/shared/api/generated/']),
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      // `'assignment' | 'book' | string` is written on purpose: it lists the values we know of an open set.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Omitting a key by destructuring (`const { [key]: _removed, ...rest } = answers`) is how we copy without it.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // TanStack Router's guards throw its redirects; they are not errors.
      '@typescript-eslint/only-throw-error': [
        'error',
        { allow: [{ from: 'package', package: '@tanstack/router-core', name: ['Redirect', 'NotFoundError'] }] },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
    languageOptions: { globals: globals.browser },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.app.json') })],
    },
    rules: {
      // Our components take a `role` prop of their own (the dashboards' staff role).
      'jsx-a11y/aria-role': ['error', { ignoreNonDOM: true }],
      // A choice's text sits in spans inside its label (name, then a description).
      'jsx-a11y/label-has-associated-control': ['error', { depth: 3 }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaryZones }],
      // An import the resolver cannot follow would slip past the boundary rule unseen (vite-plugin-pwa's
      // `virtual:` modules exist only inside Vite).
      'import-x/no-unresolved': ['error', { ignore: ['^virtual:'] }],
    },
  },
  {
    // Test set-up and fixtures (src/test renders the whole app) are for tests only.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/test/**', '**/*.test.{ts,tsx}', '**/testing.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/test/*', '**/testing'], message: 'Test helpers are imported by tests only.' }] },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}'],
    rules: {
      // Fakes implement async interfaces without awaiting anything, and `expect.any(...)` is typed `any`.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['e2e/**/*.ts', 'vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
]);
