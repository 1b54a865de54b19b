// A mistake of the user's (bad config, bad flag, dirty tree): printed as one sentence, exit 1,
// never a stack trace. Anything else that escapes is a bug and is printed with its stack.
export class UserError extends Error {
  constructor(
    message: string,
    readonly details: { file?: string; line?: number; column?: number; hint?: string } = {},
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** "file:line:col: message Hint." */
  format(): string {
    const { file, line, column, hint } = this.details;
    const where = file ? `${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ` : '';
    return `${where}${this.message}${hint ? ` ${hint}` : ''}`;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
