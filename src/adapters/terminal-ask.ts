// One question on the terminal (stdin), answered by a line; the prompt goes to stderr so stdout
// stays the command's own output.
import { createInterface } from 'node:readline/promises';

/** undefined when stdin is not a TTY: nobody is there to answer. */
export function terminalAsk(): ((question: string) => Promise<string>) | undefined {
  if (process.stdin.isTTY !== true) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
}
