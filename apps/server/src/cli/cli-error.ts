/** A command-line failure the user caused (bad arguments, unreadable file): printed, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
