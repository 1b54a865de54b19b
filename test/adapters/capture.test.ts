import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { capture } from '../../src/adapters/capture.js';
import { TAIL_LINES } from '../../src/adapters/exec.js';

/** A real child running `script` with node. */
const node = (script: string): string[] => [process.execPath, '-e', script];

describe('capture', () => {
  it('keeps the whole output of each stream, past exec’s tail, blank lines included', async () => {
    const count = TAIL_LINES * 40;
    const script = `
      let out = '';
      for (let i = 0; i < ${count}; i += 1) out += i % 7 === 0 ? '\\n' : 'line ' + i + '\\n';
      process.stdout.write(out);
      process.stderr.write('warn a\\n\\nwarn b\\n');`;
    const res = await capture(node(script), { cwd: tmpdir() });
    const expected = Array.from({ length: count }, (_, i) => (i % 7 === 0 ? '' : `line ${i}`));
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toBe(expected.join('\n'));
    expect(res.stderr).toBe('warn a\n\nwarn b');
    expect(res.notFound).toBe(false);
    expect(res.error).toBeUndefined();
  });

  it('keeps a last line without a newline, and \\r\\n line ends as plain lines', async () => {
    const res = await capture(node(`process.stdout.write('a\\r\\nb\\r\\nlast')`), { cwd: tmpdir() });
    expect(res.stdout).toBe('a\nb\nlast');
    expect(res.stderr).toBe('');
  });

  it('is empty for a command that printed nothing, and says why one failed', async () => {
    const res = await capture(node('process.exitCode = 3'), { cwd: tmpdir() });
    expect(res).toMatchObject({ exitCode: 3, stdout: '', stderr: '', notFound: false });
    expect(res.error).toMatch(/3/);
  });

  it('masks a token of its env in what it keeps', async () => {
    const secret = 'rc-capture-secret-0123456789';
    const res = await capture(node(`console.log('token=' + process.env.RC_CAPTURE_TOKEN)`), {
      cwd: tmpdir(),
      env: { RC_CAPTURE_TOKEN: secret },
    });
    expect(res.stdout).not.toContain(secret);
    expect(res.stdout).toMatch(/^token=/);
  });
});
