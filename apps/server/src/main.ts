/**
 * Starts the server (`node --import tsx src/main.ts [--port …] [--demo]`): listening only;
 * the options are `phuluc serve`'s, everything else is in `server.ts`.
 */
import { cliMain } from './cli/main.ts';

process.exitCode = await cliMain(['serve', ...process.argv.slice(2)]);
