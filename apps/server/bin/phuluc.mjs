#!/usr/bin/env node
// The `phuluc` command: runs the TypeScript CLI through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
const { cliMain } = await import('../src/cli/main.ts');
process.exitCode = await cliMain(process.argv.slice(2));
