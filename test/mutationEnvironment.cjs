/**
 * jest's test environment under mutation testing only (stryker.config.mjs): once a test has
 * failed under a mutant, the tests after it (in this file and the next) are skipped, their
 * beforeAll hooks too. One failing test is all Stryker needs to count the mutant as killed,
 * and jest cannot be told to stop from outside (Stryker's jest runner runs without bail), so
 * without this every mutant runs every test that covers it, the round trips through real
 * workbooks included. The first run (no active mutant) and `npm test` are not affected.
 */
'use strict';
const { TestEnvironment } = require('jest-environment-node');

/** The variable Stryker names the active mutant in while it runs the tests for one mutant. */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

// kept between test files: this module is loaded once per test process
let failedUnder;

class MutationEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant === undefined) return;
    if (event.name === 'test_done' && event.test.errors.length > 0) failedUnder = mutant;
    if (failedUnder !== mutant) return;
    if (event.name === 'run_describe_start') event.describeBlock.mode = 'skip';
    if (event.name === 'test_start') event.test.mode = 'skip';
  }
}

module.exports = MutationEnvironment;
