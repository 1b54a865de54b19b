// The file system as a step handler sees it (StepContext.files): absolute paths, text files.
// Implemented by src/adapters/step-files.ts; a test may hand a step any other implementation.

export interface FilesPort {
  /** The file's text; undefined when nothing is there. Any other failure throws (errno in `code`). */
  read(path: string): string | undefined;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Permission bits (0o777 mask); undefined when nothing is there. */
  mode(path: string): number | undefined;
  /**
   * Replaces the file atomically (tmp, fsync, rename), creating its directory. `mode` defaults to
   * 0600; `backup` keeps the previous content under that path.
   */
  write(path: string, text: string, opts?: { mode?: number; backup?: string }): void;
}
