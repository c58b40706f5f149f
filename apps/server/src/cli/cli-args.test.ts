/** Options whose value starts with a dash: plan ids made before ids began with a letter. */
import { describe, expect, it } from 'vitest';
import { cliArgsParse } from './cli-args.ts';
import { CliError } from './cli-error.ts';

const OPTIONS = {
  plan: { type: 'string' },
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
} as const;

describe('command-line options', () => {
  it('take a value that starts with a dash written as --plan=ID', () => {
    expect(cliArgsParse(['grant', '--plan=-gdDZOpg', '--json'], OPTIONS).values).toEqual({ plan: '-gdDZOpg', json: true });
  });

  it('take a value that starts with a dash as the next word when it names no option', () => {
    const parsed = cliArgsParse(['grant', '--plan', '-gdDZOpg', '-o', '-ban-sao.docx', 'u'], OPTIONS);
    expect(parsed.values).toEqual({ plan: '-gdDZOpg', out: '-ban-sao.docx' });
    expect(parsed.positionals).toEqual(['grant', 'u']);
  });

  it('still refuse an option written where a value belongs', () => {
    expect(() => cliArgsParse(['--plan', '--json'], OPTIONS)).toThrow(CliError);
    expect(() => cliArgsParse(['--plan', '-o', 'x'], OPTIONS)).toThrow(CliError);
  });

  it('leave everything after "--" alone', () => {
    expect(cliArgsParse(['--', '--plan', '-x'], OPTIONS).positionals).toEqual(['--plan', '-x']);
  });
});
