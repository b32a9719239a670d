// Mutation testing of the domain rules and the merge path (`npm run mutate`): Stryker changes
// the code a little at a time and runs the jest tests that cover each change; a mutant no
// test notices is a gap. The README's "Mutation testing" section has the score and the commands.
//
// The run goes folder by folder (test/mutate.cjs sets MUTATE_PIECE): each folder's mutants are
// judged by that folder's own tests (the merge use case by the round-trip tests through real
// workbooks). On a small machine most of a mutant's time is jest loading test files, so this
// keeps each mutant to the few files that test its code. Incremental: every piece keeps its
// results in its own file, reports/stryker/<piece>.json, and a later run tests only what
// changed; one file per piece also lets two people run different pieces without their results
// colliding.

import process from 'node:process';

// Read by test/sizes.ts in the test processes Stryker starts (they inherit this environment):
// sweeps and property tests run a sample there, since each runs again for every mutant it covers.
process.env.MOSAVABAT_MUTATION = '1';

/** The pieces of a run: what is mutated and which tests judge it. */
export const PIECES = {
  jalali: { mutate: ['core/jalali/**/*.ts'], tests: ['core/jalali/**/*.test.ts'] },
  text: { mutate: ['core/text/**/*.ts'], tests: ['core/text/**/*.test.ts'] },
  // test/realText.test.ts: phrases, agency cells and whole minutes copied from published pages,
  // each answer worked out by hand; it calls core directly, so it judges these three folders too
  deadline: { mutate: ['core/deadline/**/*.ts'], tests: ['core/deadline/**/*.test.ts', 'test/realText.test.ts'] },
  agency: { mutate: ['core/agency/**/*.ts'], tests: ['core/agency/**/*.test.ts', 'test/realText.test.ts'] },
  minutes: { mutate: ['core/minutes/**/*.ts'], tests: ['core/minutes/**/*.test.ts', 'test/realText.test.ts'] },
  register: { mutate: ['core/register/**/*.ts'], tests: ['core/register/**/*.test.ts'] },
  // errors.ts and sheet/ are small: their own tests, and the register's that use them
  other: { mutate: ['core/errors.ts', 'core/sheet/**/*.ts'], tests: ['core/errors.test.ts', 'core/sheet/**/*.test.ts', 'core/register/**/*.test.ts'] },
  merge: { mutate: ['core/merge/**/*.ts'], tests: ['core/merge/**/*.test.ts'] },
  // the merge use case, through real workbooks: the round-trip tests each stand alone (files made
  // in beforeAll or by the test itself); the real-file tests judge the exceljs way of writing,
  // unreadable register cells, aliases and percent-formatted columns, the settings test the
  // register's due-soon window; test/workflow.test.ts is left out, since its steps build on each
  // other and a later step run alone would fail for that alone
  mergeReturns: {
    mutate: ['usecases/mergeReturns.ts'],
    tests: ['test/returns.test.ts', 'test/signedReturns.test.ts', 'test/returnsRealFiles.test.ts', 'test/registerSettings.test.ts'],
  },
};

const piece = process.env.MUTATE_PIECE ? PIECES[process.env.MUTATE_PIECE] : undefined;
if (process.env.MUTATE_PIECE && !piece) throw new Error(`MUTATE_PIECE=${process.env.MUTATE_PIECE}: not one of ${Object.keys(PIECES).join(', ')}`);
const pieces = piece ? [piece] : Object.values(PIECES);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // jest loads only the test files that import the mutated file; perTest coverage then picks the tests
    enableFindRelatedTests: true,
    config: {
      globalSetup: null, // the built dist/ is not needed
      roots: ['<rootDir>/core', '<rootDir>/test'],
      testMatch: [...new Set(pieces.flatMap((p) => p.tests))].map((glob) => `<rootDir>/${glob}`),
      setupFiles: ['<rootDir>/test/mutationSetup.ts'],
      // stops a mutant's tests at its first failing test (jest has no bail that Stryker can use)
      testEnvironment: './test/mutationEnvironment.cjs',
      // the round-trip tests make their workbooks in beforeAll: instrumented and on a busy machine that takes longer than jest's 5 s
      testTimeout: 30000,
    },
  },
  mutate: [...pieces.flatMap((p) => p.mutate), '!**/*.test.ts', '!core/**/index.ts'],
  coverageAnalysis: 'perTest',
  // module-level tables and constants: covered by no test in particular, so each would run every test
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `reports/stryker/${process.env.MUTATE_PIECE ?? 'all'}.json`,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  concurrency: 1,
  timeoutMS: 5000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
