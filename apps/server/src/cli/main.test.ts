/** The command line's entry: `phuluc validate FILE | head -1` printed an unhandled EPIPE stack trace. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../testing/api-context.ts';

const BIN = fileURLToPath(new URL('../../bin/phuluc.mjs', import.meta.url));

/** Runs the CLI with the reading end of its stdout (or stderr) closed before it writes. */
function phulucIntoClosedPipe(args: string[], closed: 'stdout' | 'stderr'): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const open = closed === 'stdout' ? child.stderr : child.stdout;
    child[closed].destroy();
    let output = '';
    open.setEncoding('utf8');
    open.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('output to a closed pipe', () => {
  it('ends quietly with the command’s own exit code when stdout is closed (validate … | head -1)', async () => {
    const { code, output } = await phulucIntoClosedPipe(['validate', fixturePath('tan-thanh-2026-tasks.tsv')], 'stdout');
    expect(output).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(code).toBe(0);
  });

  it('ends quietly with the command’s own exit code when stderr is closed', async () => {
    const { code, output } = await phulucIntoClosedPipe(['lenh-khong-co'], 'stderr');
    expect(output).toBe('');
    expect(code).toBe(2);
  });
});
