/**
 * How big the sweeps and property tests are. `npm test` runs them in full; under mutation
 * testing (`npm run mutate`: stryker.config.mjs sets MOSAVABAT_MUTATION) each test runs again
 * for every mutant it covers, so they run a smaller sample of the same checks there.
 */
export const UNDER_MUTATION = process.env.MOSAVABAT_MUTATION === '1';

/** fast-check's number of runs for a property: `full` normally, at most `sample` under mutation testing. */
export function propertyRuns(full: number, sample = 50): number {
  return UNDER_MUTATION ? Math.min(full, sample) : full;
}

/** The stride of a day-by-day (or hour-by-hour) sweep: every step normally, every `sample`th under mutation testing. */
export function sweepStride(sample: number): number {
  return UNDER_MUTATION ? sample : 1;
}
