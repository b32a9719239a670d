#!/usr/bin/env node
/**
 * `npm run mutate [-- piece ...] [-- stryker options]`: Stryker over core/ and the merge path,
 * one piece (folder) after the other, every piece adding its results to the incremental file
 * (reports/stryker-incremental.json), so an interrupted run goes on where it stopped and a
 * later run tests only what changed. Pieces and settings: stryker.config.mjs.
 *   npm run mutate                    every piece
 *   npm run mutate -- register merge  those pieces
 *   npm run mutate -- text --concurrency 2
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

async function main() {
  const { PIECES } = await import('../stryker.config.mjs');
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const firstOption = args.findIndex((a) => a.startsWith('-'));
  const names = firstOption < 0 ? args : args.slice(0, firstOption);
  const options = firstOption < 0 ? [] : args.slice(firstOption);
  const unknown = names.filter((n) => !(n in PIECES));
  if (unknown.length) {
    console.error(`unknown piece(s): ${unknown.join(', ')}; pieces: ${Object.keys(PIECES).join(', ')}`);
    return 2;
  }
  const stryker = join(__dirname, '..', 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const failed = [];
  for (const name of names.length ? names : Object.keys(PIECES)) {
    const started = Date.now();
    console.log(`\n=== mutation testing: ${name} ===`);
    const run = spawnSync(process.execPath, [stryker, 'run', ...options], { stdio: 'inherit', env: { ...process.env, MUTATE_PIECE: name } });
    console.log(`=== ${name}: exit ${run.status}, ${Math.round((Date.now() - started) / 1000)} s ===`);
    // the next piece still runs: its results are kept whatever happened to this one
    if (run.status !== 0) failed.push(name);
  }
  if (failed.length) console.error(`pieces that did not finish: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(String(error));
  process.exit(1);
});
