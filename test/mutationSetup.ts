/**
 * jest setup for mutation testing only (stryker.config.mjs): properties without their own
 * number of runs check a sample of 20 cases instead of fast-check's 100. `npm test` does not load this.
 */
import fc from 'fast-check';

fc.configureGlobal({ numRuns: 20 });
