/**
 * `phuluc <command>`: the command line. Each command lives in its own module and is loaded
 * only when called, so `phuluc parse` does not open a database.
 */
import { CliError } from './cli-error.ts';

interface Command {
  summary: string;
  run: (args: string[]) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  parse: {
    summary: 'parse FILE [--format tsv|csv|html] [--table N]   print the imported table as JSON (FILE: .tsv .csv .html .xlsx .docx)',
    run: async (args) => (await import('./parse-command.ts')).parseCommand(args),
  },
  validate: {
    summary: 'validate FILE [--json] [--year Y] [--table N]   print the findings; exit 1 on an error',
    run: async (args) => (await import('./validate-command.ts')).validateCommand(args),
  },
  export: { summary: 'export FILE --to docx|xlsx|pdf|csv|json -o OUT [--draft] [--year Y] [--commune C] [--plan-number N]   the official appendix', run: async (args) => (await import('./export-command.ts')).exportCommand(args) },
  serve: {
    summary: 'serve [--port 8787] [--host 127.0.0.1] [--data DIR] [--database postgres://…] [--redis redis://…] [--demo]   run the server',
    run: async (args) => (await import('./serve-command.ts')).serveCommand(args),
  },
  user: {
    summary: 'user add|passwd|grant|list …            accounts (passwords on stdin)',
    run: async (args) => (await import('./user-command.ts')).userCommand(args),
  },
  plan: {
    summary: 'plan create|list …                      plans',
    run: async (args) => (await import('./plan-command.ts')).planCommand(args),
  },
  store: {
    summary: 'store copy --from DIR --to postgres://…      move the SQLite data to PostgreSQL',
    run: async (args) => (await import('./store-command.ts')).storeCommand(args),
  },
};

function usage(): string {
  return ['Cách dùng: phuluc <lệnh> …', '', ...Object.values(COMMANDS).map((c) => `  phuluc ${c.summary}`)].join('\n');
}

let brokenPipesQuiet = false;

/**
 * Output to a closed pipe (`phuluc validate FILE | head -1`) ends quietly: an EPIPE on stdout or
 * stderr drops the rest of that stream's output instead of crashing with a stack trace, and the
 * command finishes with its own exit code. Any other stream error still throws.
 */
function stdioBrokenPipesQuiet(): void {
  if (brokenPipesQuiet) return;
  brokenPipesQuiet = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

/** Runs the command line; returns the process exit code. */
export async function cliMain(argv: string[]): Promise<number> {
  stdioBrokenPipesQuiet();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Lệnh không tồn tại: ${name}\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      return error.exitCode;
    }
    throw error;
  }
}
