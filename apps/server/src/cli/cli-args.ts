/** Argument parsing shared by the commands (node:util parseArgs, errors in Vietnamese). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { planYearIsValid } from '@phuluc/domain';
import { CliError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** True when `arg` names one of `options` (`--plan`, `--plan=…`, `-o`), false for a value like `-gdDZ…`. */
function optionNamed(arg: string, options: Options): boolean {
  if (arg.startsWith('--')) return Object.hasOwn(options, arg.slice(2).split('=')[0] ?? '');
  return arg.length > 1 && Object.values(options).some((option) => option.short !== undefined && arg.startsWith(`-${option.short}`));
}

/**
 * Joins `--plan VALUE` into `--plan=VALUE` when VALUE starts with a dash but names no option:
 * parseArgs would refuse it as ambiguous, and ids made before they began with a letter
 * (`-gdDZOpg…`) are such values. A known option after a value-taking one is still an error.
 */
function dashValuesJoin(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let k = 0; k < args.length; k += 1) {
    const arg = args[k] ?? '';
    if (arg === '--') return [...joined, ...args.slice(k)];
    const name = arg.startsWith('--') ? arg.slice(2) : Object.keys(options).find((key) => arg === `-${options[key]?.short}`);
    const next = args[k + 1];
    if (name !== undefined && options[name]?.type === 'string' && next?.startsWith('-') && next !== '-' && !optionNamed(next, options)) {
      joined.push(`--${name}=${next}`);
      k += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** Parses `args` with the given options; a wrong option is a CliError, not a stack trace. */
export function cliArgsParse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args: dashValuesJoin(args, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`Tham số không hợp lệ: ${(error as Error).message}`);
  }
}

/** A plan's year given on the command line (`--year 2026`): a whole year within the domain's PLAN_YEARS. */
export function cliYearParse(text: string): number {
  const year = Number(text);
  if (!planYearIsValid(year)) throw new CliError(`Năm không hợp lệ: ${text}`);
  return year;
}
