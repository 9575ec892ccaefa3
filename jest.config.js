// Jest runs in native ESM mode (NestJS 12 ships ESM only): see STACK-NOTES and README.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@kindling/([a-z0-9-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};
export default {
  rootDir: '.',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/apps/worker/src/**/*.spec.ts', '<rootDir>/apps/web/src/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'], testTimeout: 30_000, setupFiles: ['<rootDir>/tests/support/env.ts'], setupFilesAfterEnv: ['<rootDir>/tests/support/timeout-integration.ts'] },
    // Fault tests start and kill real processes and restart PostgreSQL and Redis: scripts/test.mjs
    // runs them in a second pass, alone (--runInBand), after everything else.
    { ...common, displayName: 'faults', testMatch: ['<rootDir>/tests/faults/**/*.test.ts'], testTimeout: 180_000, setupFiles: ['<rootDir>/tests/support/env.ts'], setupFilesAfterEnv: ['<rootDir>/tests/support/timeout-faults.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.test.ts'], testTimeout: 120_000, setupFiles: ['<rootDir>/tests/support/env.ts'], setupFilesAfterEnv: ['<rootDir>/tests/support/timeout-browser.ts'] },
  ],
};
