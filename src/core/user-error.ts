// A mistake of the user's (bad config, bad flag, dirty tree): printed as one sentence, exit 1,
// never a stack trace. Anything else that escapes is a bug and is printed with its stack.

// Recognised by a registered symbol, not by class identity: `run --headless` is bundled apart
// from the entry that catches (scripts/build.mjs), so it throws its own copy of this class.
const USER_ERROR = Symbol.for('release-cockpit.user-error');

export class UserError extends Error {
  readonly [USER_ERROR] = true;

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
  return typeof e === 'object' && e !== null && (e as Partial<Record<typeof USER_ERROR, unknown>>)[USER_ERROR] === true;
}
