#!/usr/bin/env node
/**
 * `npm run mutate [-- piece ...] [-- stryker options]`: Stryker over core/ and the merge path,
 * one piece (folder) after the other, every piece keeping its results in its own incremental
 * file (reports/stryker/<piece>.json), so an interrupted run goes on where it stopped and a
 * later run tests only what changed. Pieces and settings: stryker.config.mjs.
 *   npm run mutate                    every piece
 *   npm run mutate -- register merge  those pieces
 *   npm run mutate -- text --concurrency 2
 *   npm run mutate -- --score         only the table of the results kept so far
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const RESULTS = join(ROOT, 'reports', 'stryker');

/** The kept results, one file per piece. */
function resultFiles() {
  if (!existsSync(RESULTS)) return [];
  return readdirSync(RESULTS).filter((name) => name.endsWith('.json')).sort().map((name) => join(RESULTS, name));
}

/** The folder a mutated file is counted under in the score table. */
function folderOf(file) {
  if (file.startsWith('usecases/')) return file;
  const [top, second] = file.split('/');
  return second && !second.endsWith('.ts') ? `${top}/${second}` : `${top} (files at the top)`;
}

/**
 * The kept results name files relative to the project: Stryker's reasons (stack traces) carry
 * this machine's paths, which do not belong in the repository.
 */
function withoutMachinePaths() {
  const pattern = (path) => JSON.stringify(path).slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const escaped = pattern(ROOT);
  // node_modules may be a link to another checkout's (its real path then shows in the traces)
  const modules = existsSync(join(ROOT, 'node_modules')) ? pattern(realpathSync(join(ROOT, 'node_modules'))) : undefined;
  for (const file of resultFiles()) {
    const text = readFileSync(file, 'utf8');
    let relative = text.replace(new RegExp(`${escaped}/(?:\\.stryker-tmp/sandbox-[^/]+/)?`, 'g'), '')
      .replace(new RegExp(`"${escaped}"`, 'g'), '"."');
    if (modules) relative = relative.replace(new RegExp(modules, 'g'), 'node_modules');
    if (relative !== text) writeFileSync(file, relative);
  }
}

/**
 * The score table of the results kept in the incremental file: per folder killed, timed out,
 * survived, no coverage, errors (a mutant that breaks loading the tests) and ignored (static),
 * and Stryker's score, (killed + timeout) / (killed + timeout + survived + no coverage).
 */
function scoreTable() {
  const files = resultFiles();
  if (!files.length) return 'no results yet (reports/stryker/ holds no piece\'s results)';
  // a file mutated in two pieces (none today) counts once, with the results read last
  const results = Object.assign({}, ...files.map((file) => JSON.parse(readFileSync(file, 'utf8')).files));
  const rows = new Map();
  const total = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, errors: 0, Ignored: 0 };
  for (const [file, result] of Object.entries(results)) {
    const row = rows.get(folderOf(file)) ?? { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, errors: 0, Ignored: 0 };
    for (const mutant of result.mutants) {
      const key = mutant.status === 'RuntimeError' || mutant.status === 'CompileError' ? 'errors' : mutant.status;
      if (key in row) {
        row[key] += 1;
        total[key] += 1;
      }
    }
    rows.set(folderOf(file), row);
  }
  const score = (r) => {
    const detected = r.Killed + r.Timeout;
    const valid = detected + r.Survived + r.NoCoverage;
    return valid ? `${((100 * detected) / valid).toFixed(1)}%` : '–';
  };
  const line = (name, r) => `| ${name} | ${r.Killed} | ${r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${r.errors} | ${r.Ignored} | ${score(r)} |`;
  return [
    '| folder | killed | timeout | survived | no coverage | errors | ignored (static) | score |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[...rows.keys()].sort().map((name) => line(name, rows.get(name))),
    line('**all**', total),
  ].join('\n');
}

async function main() {
  const { PIECES } = await import('../stryker.config.mjs');
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--score')) {
    withoutMachinePaths();
    console.log(scoreTable());
    return 0;
  }
  const firstOption = args.findIndex((a) => a.startsWith('-'));
  const names = firstOption < 0 ? args : args.slice(0, firstOption);
  const options = firstOption < 0 ? [] : args.slice(firstOption);
  const unknown = names.filter((n) => !(n in PIECES));
  if (unknown.length) {
    console.error(`unknown piece(s): ${unknown.join(', ')}; pieces: ${Object.keys(PIECES).join(', ')}`);
    return 2;
  }
  const stryker = join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const failed = [];
  for (const name of names.length ? names : Object.keys(PIECES)) {
    const started = Date.now();
    console.log(`\n=== mutation testing: ${name} ===`);
    const run = spawnSync(process.execPath, [stryker, 'run', ...options], { stdio: 'inherit', env: { ...process.env, MUTATE_PIECE: name } });
    console.log(`=== ${name}: exit ${run.status}, ${Math.round((Date.now() - started) / 1000)} s ===`);
    withoutMachinePaths();
    // the next piece still runs: its results are kept whatever happened to this one
    if (run.status !== 0) failed.push(name);
  }
  console.log(`\n${scoreTable()}`);
  if (failed.length) console.error(`pieces that did not finish: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(String(error));
  process.exit(1);
});
