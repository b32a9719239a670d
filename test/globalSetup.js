/**
 * Before any test: the tests that run the built command line (dist/cli) or load the built add-in
 * (dist/addin) must see the source as it is now. When a source file is newer than its build,
 * the build is made again here (`npm test` builds first, so then nothing is done).
 */
'use strict';
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = join(__dirname, '..');

/** The newest modification time of the source files (or of those matching `only`) under `dirs`; 0 when none. */
function newest(dirs, only = /\.(ts|js|html|css|json)$/) {
  let latest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (only.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        latest = Math.max(latest, statSync(path).mtimeMs);
      }
    }
  };
  for (const dir of dirs) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  return latest;
}

/**
 * Build when the newest file of the build folder `output` is older than the sources in `dirs`.
 * webpack leaves a file it would write unchanged untouched, so a build made here also leaves a
 * `.built` mark in the folder.
 */
function fresh(output, dirs, command, args) {
  const built = existsSync(join(ROOT, output)) ? newest([output], /./) : 0;
  if (built >= newest(dirs)) return;
  console.error(`\n${output} is older than the source: building it (${[command, ...args].join(' ')})`);
  execFileSync(process.execPath, [require.resolve(command, { paths: [ROOT] }), ...args], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(join(ROOT, output, '.built'), new Date().toISOString());
}

module.exports = async function globalSetup() {
  fresh('dist/cli', ['core', 'adapters', 'usecases', 'cli', 'server'], 'typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  fresh('dist/addin', ['core', 'addin'], 'webpack-cli/bin/cli.js', ['--config', 'webpack.config.js']);
};
