#!/usr/bin/env node
/**
 * Run a TypeScript file of this repository in a plain Node process (a child a test starts and
 * kills): `node test/runTs.js file.ts args…`. Each .ts module is transpiled on load with the
 * project's compiler settings (nothing is type-checked: the test run does that); the output is
 * kept in a cache folder under the system's temporary folder, by the source's hash, so a child
 * started many times loads the compiler once.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');

const CACHE = path.join(os.tmpdir(), 'mosavabat-runts-cache');
let ts;

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    ts ??= require('typescript');
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true };
    const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
    fs.mkdirSync(CACHE, { recursive: true });
    // written aside and renamed: a child killed mid-write leaves no half file in the cache
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, outputText);
    fs.renameSync(temp, cached);
    return outputText;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
require(path.resolve(script));
