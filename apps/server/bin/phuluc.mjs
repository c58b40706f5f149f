#!/usr/bin/env node
// The `phuluc` command: runs the TypeScript CLI through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
const { cliMain } = await import('../src/cli/main.ts');
// Exit at once with the command's code: on Node 24, better-sqlite3 12's statement finalizers
// abort the process if they run during the environment's teardown (WiseLibs/better-sqlite3#1515;
// 13.x fixes it but does not run on Node 20). Every database is closed by then, and stdout and
// stderr are synchronous for files and pipes on Linux, so nothing is lost.
process.exit(await cliMain(process.argv.slice(2)));
