// Runs a real command through exec in a fresh temp dir and keeps the lines it delivered, for the
// exec adapter's tests.
import { exec } from '../../src/adapters/exec.js';
import type { OutputLine } from '../../src/core/output-line.js';
import { useTempDirs } from './temp-dir.js';

export type ExecOptions = Parameters<typeof exec>[1];

/** Registers the temp dirs' cleanup (call at the top of a test file); returns the dir factory and `run`. */
export function useExecRun(prefix: string) {
  const tempDir = useTempDirs(prefix);
  async function run(argv: string[], opts: Partial<ExecOptions> = {}) {
    const lines: OutputLine[] = [];
    const result = await exec(argv, { cwd: tempDir(), onLine: (l) => lines.push(l), ...opts });
    return {
      result,
      lines,
      text: (stream: OutputLine['stream']) => lines.filter((l) => l.stream === stream).map((l) => l.text),
    };
  }
  return { tempDir, run };
}
