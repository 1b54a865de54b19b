// The engine's default sleep: a timer that an abort signal ends early with an AbortError.
import { abortError } from '../core/abort.js';

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((res, rej) => {
    const abort = (): void => {
      clearTimeout(t);
      rej(abortError());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      res();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}
