#!/usr/bin/env node
/**
 * `npm test` starts here: the browser tests drive Debian's chromium. When it is missing it is
 * installed (as root, with apt-get, as .ci/run does); otherwise the run stops at once with one
 * line saying what to do, instead of failing minutes later in three test files.
 */
'use strict';
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');

const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = existsSync('/usr/bin/apt-get');
  if (root && apt) {
    console.error(`${CHROMIUM} is missing: installing Debian's chromium (apt-get install -y chromium)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok = spawnSync('apt-get', ['update'], { stdio: 'inherit', env }).status === 0
      && spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env }).status === 0;
    if (!ok || !existsSync(CHROMIUM)) {
      console.error(`npm test: could not install chromium; install it by hand (apt-get install -y chromium) and run again`);
      process.exit(1);
    }
  } else {
    console.error(`npm test: the browser tests need Debian's chromium at ${CHROMIUM}: run \`sudo apt-get install -y chromium\` (or .ci/run as root) first`);
    process.exit(1);
  }
}
