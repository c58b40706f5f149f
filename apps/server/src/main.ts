/**
 * Starts the server (`node --import tsx src/main.ts [--port …] [--demo]`): listening only;
 * the options are `phuluc serve`'s, everything else is in `server.ts`.
 */
import { cliMain } from './cli/main.ts';

// Exit at once (see bin/phuluc.mjs: better-sqlite3 12 on Node 24 aborts in the teardown otherwise).
process.exit(await cliMain(['serve', ...process.argv.slice(2)]));
