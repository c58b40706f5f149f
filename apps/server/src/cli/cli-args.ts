/** Argument parsing shared by the commands (node:util parseArgs, errors in Vietnamese). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

/** Parses `args` with the given options; a wrong option is a CliError, not a stack trace. */
export function cliArgsParse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`Tham số không hợp lệ: ${(error as Error).message}`);
  }
}
