#!/usr/bin/env node
/**
 * Run a TypeScript file of this repository in a plain Node process (a child a test starts and
 * kills): `node test/runTs.js file.ts args…`. Each .ts module is transpiled on load with the
 * project's compiler settings; nothing is type-checked (the test run does that).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true };
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
require(path.resolve(script));
