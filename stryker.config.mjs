// Mutation testing of the domain rules and the merge path (`npm run mutate`): Stryker changes
// the code a little at a time and runs the jest tests that cover each change; a mutant no
// test notices is a gap. Incremental: reports/stryker-incremental.json keeps the results, so a
// later run tests only what changed. Slow on a small machine: see the README for the score.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    enableFindRelatedTests: true,
    // the unit tests and the merge's end-to-end tests; the built dist/ is not needed (no globalSetup)
    config: {
      globalSetup: null,
      roots: ['<rootDir>/core', '<rootDir>/test'],
      testMatch: ['<rootDir>/core/**/*.test.ts', '<rootDir>/test/workflow.test.ts', '<rootDir>/test/returns.test.ts'],
    },
  },
  mutate: [
    'core/**/*.ts',
    'usecases/mergeReturns.ts',
    '!**/*.test.ts',
    '!core/**/index.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
