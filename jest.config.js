const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      target: 'es2023',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

/** Suites are separated by file suffix so each kind can run on its own. */
const project = (name, pattern) => ({
  displayName: name,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': swc,
    // ESM-only packages that CommonJS dependencies require(); jest on Node 20 needs them as CommonJS.
    '/node_modules/(content-disposition|cookie)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/(content-disposition|cookie)/).*/node_modules/'],
  testMatch: [`<rootDir>/test/**/*.${pattern}.spec.ts`],
});

export default {
  // A clean machine builds the PGlite template database in the first suite's beforeAll.
  testTimeout: 30_000,
  projects: [
    project('unit', 'unit'),
    project('contract', 'contract'),
    project('e2e', 'e2e'),
    project('reliability', 'reliability'),
  ],
};
