// One config, two projects: fast unit specs beside the code, and e2e suites in test/ that talk to
// real Postgres, Redis and the platform sandbox. @swc/jest keeps memory low (ts-jest ran out of it).
const swcTransform = [
  '@swc/jest',
  {
    // The build's .swcrc skips *.spec.ts files; tests must not inherit that.
    swcrc: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@app/(core|tenancy|ingest|dedup|events|platforms|delivery|composition|tiktok|meta|metrics|browser-sdk|storage|alerts)$': '<rootDir>/libs/$1/src',
  '^@app/testing$': '<rootDir>/test/support',
};

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swcTransform },
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // testTimeout is global in jest (a project-level value is ignored); e2e tests wait on real services.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/sql/sql-capture.setup.ts'],
    },
  ],
};
