/**
 * jest setup for mutation testing only (stryker.config.mjs): properties without their own
 * number of runs check a sample of 20 cases instead of fast-check's 100, and every property
 * draws the same cases in every run (a fixed seed), so a mutant is judged on the same sample
 * as the unmutated code: a random sample could fail without a mutant (a failed first run) or
 * miss a case a mutant breaks in one run and hit it in the next. `npm test` does not load this.
 */
import fc from 'fast-check';

fc.configureGlobal({ numRuns: 20, seed: 7 });
