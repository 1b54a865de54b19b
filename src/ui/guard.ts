// Engine calls from key handlers: a throw or a rejection becomes a flash line, never a crash.

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function guard(flash: (t: string) => void, fn: () => unknown): void {
  try {
    const r = fn();
    if (r instanceof Promise) r.catch((e: unknown) => flash(errorText(e)));
  } catch (e) {
    flash(errorText(e));
  }
}
