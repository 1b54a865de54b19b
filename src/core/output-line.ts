// One line of a command's output, as every consumer sees it (exec, logs, store, panes).

export type Stream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: Stream | 'info';
  /** Already masked. */
  text: string;
}
