import fs from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.test-results/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Nest injects by the runtime class of constructor parameters: these imports must stay values.
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts', 'libs/*/src/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // Boundaries: apps are entry points, libs are the only shared code. An app never imports
  // another app, and a lib never imports an app (share through a lib and Nest's DI instead).
  {
    files: ['apps/api/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/worker/src/**', '**/apps/worker/**', '**/web/src/**'], message: 'apps/api must not import another app: move shared code into libs/.' }] }] },
  },
  {
    files: ['apps/worker/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/src/**', '**/apps/api/**', '**/web/src/**'], message: 'apps/worker must not import another app: move shared code into libs/.' }] }] },
  },
  // SQL lives in libs/db repositories (and migrations): services call repositories, never
  // dataSource.query / em.query.
  {
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts', 'libs/enrolment/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='query']", message: 'SQL belongs in a libs/db repository; call the repository instead.' },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**', '**/api/src/**', '**/worker/src/**', '**/web/src/**'], message: 'a lib must not import an app.' }] }] },
  },
  // Web features never import each other's files: they share through src/components, src/lib and
  // src/api, and src/app (the composition root: router, route modules) is the only place that puts
  // features together. One block per feature folder, read at config load, so a new feature is
  // covered without editing this file. Shared code never imports a feature either.
  ...webFeatureBoundaries(),
  // Kindling's CSP has no 'unsafe-eval': Playwright's waitForFunction polls with `new Function` in
  // the page and fails as soon as its first check is false. Poll from the test instead.
  {
    files: ['tests/browser/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='waitForFunction']", message: "the page's CSP refuses waitForFunction's evaluated polling: use untilTrueInPage() or eventually() from support/harness." },
      ],
    },
  },
  {
    files: ['apps/web/src/components/**/*.{ts,tsx}', 'apps/web/src/lib/**/*.{ts,tsx}', 'apps/web/src/api/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/**'], message: 'src/components, src/lib and src/api are shared by every feature and must not import one: move the code here, or compose in src/app.' }] }] },
  },
);

function webFeatureBoundaries() {
  const dir = new URL('./apps/web/src/features/', import.meta.url);
  const features = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  return features.map((feature) => ({
    files: [`apps/web/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: features.filter((other) => other !== feature).flatMap((other) => [`../${other}/**`, `../../${other}/**`, `../../../${other}/**`, `**/features/${other}/**`]),
          message: `features/${feature} must not import another feature's files: share through src/components, src/lib or src/api (or compose the features in src/app).`,
        }],
      }],
    },
  }));
}
