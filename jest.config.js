// Jest runs in native ESM mode (NestJS 12 packages are ES modules): see the `test` script.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      // TSX pages render with Preact's automatic runtime, as tsconfig.json's jsxImportSource says.
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        useDefineForClassFields: false,
        react: { runtime: 'automatic', importSource: 'preact' },
      },
      target: 'es2022',
      keepClassNames: true,
      // Keeps `with { type: 'json' }` on JSON imports, which Jest's ESM runtime otherwise warns about.
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
  },
];
// Node 20 can require() an ES module, Jest's runtime cannot (before Node 24.9): the few ESM-only
// packages that CommonJS dependencies require are compiled to CommonJS for the tests.
const REQUIRED_ESM = ['content-disposition'];
const common = {
  transform: {
    '^.+\\.tsx?$': swc,
    [`/node_modules/(${REQUIRED_ESM.join('|')})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${REQUIRED_ESM.join('|')})/)`],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  ...common,
  testTimeout: 60000,
  projects: [
    // Framework-free and module tests: no PostgreSQL, Redis or build needed.
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/migrations/**/*.spec.ts'],
    },
    // HTTP end-to-end tests and service-level ("medium") tests under test/medium/, both on a private
    // database cloned from the template that the global setup migrates once per run.
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
