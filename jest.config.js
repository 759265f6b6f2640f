// One jest run across the workspaces. TypeScript is compiled by @swc/jest with decorator
// metadata (NestJS needs it); ESM-only packages (Plot, d3) are compiled too.
const swc = (tsx = false) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const esmOnly = ['@observablehq', 'd3', 'd3-[a-z-]+', 'internmap', 'delaunator', 'robust-predicates', 'interval-tree-1d', 'binary-search-bounds', 'isoformat'];
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];
const moduleNameMapper = { '^@pcsp/analytics$': '<rootDir>/analytics/src/index.ts', '^@pcsp/analytics/(.*)$': '<rootDir>/analytics/src/$1' };
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)sx?$': swc(true) },
  transformIgnorePatterns,
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  projects: [
    // DuckDB specs build whole populations; 5 s per test was too tight on a loaded 2-core machine.
    { ...common, displayName: 'analytics', testTimeout: 30_000, testMatch: ['<rootDir>/analytics/src/**/*.spec.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/api/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'web',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/web/src/**/*.spec.{ts,tsx}'],
      moduleNameMapper: { ...moduleNameMapper, '\\.(css|scss)$': '<rootDir>/web/src/test/style-stub.cjs' },
      setupFilesAfterEnv: ['<rootDir>/web/src/test/testing-library-setup.ts'],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
  ],
};
