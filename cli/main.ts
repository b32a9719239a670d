#!/usr/bin/env node
import { runCli } from './program';
import { processIO } from './io';

runCli(process.argv.slice(2), processIO).then(
  (status) => {
    process.exitCode = status;
  },
  () => {
    process.exitCode = 3;
  },
);
