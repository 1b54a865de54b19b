// Footer state: key hints generated from the bindings enabled in the current context, and a
// flash line (a disabled key's reason, an engine error) that clears itself after 2 s.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Binding, KeyContext } from '../../keymap/types.js';
import { enabledBindings } from '../../keymap/dispatch.js';
import { displayKey } from '../../keymap/key-names.js';

export const FLASH_MS = 2000;

export interface Hint {
  key: string;
  label: string;
}

export function footerHints(ctx: KeyContext, bindings: readonly Binding[]): Hint[] {
  return enabledBindings(ctx, bindings)
    .filter((b) => b.footer)
    .map((b) => ({ key: displayKey(b.keys[0] ?? ''), label: b.label ? b.label(ctx) : b.description }));
}

/** As many hints as fit in `width` columns, in order ("enter run  s skip  ..."). */
export function fitHints(hints: readonly Hint[], width: number): Hint[] {
  const out: Hint[] = [];
  let used = 0;
  for (const h of hints) {
    const w = h.key.length + 1 + h.label.length + 2;
    if (used + w > width) break;
    out.push(h);
    used += w;
  }
  return out;
}

export interface Flash {
  text: string;
  id: number;
}

export interface FlashState {
  flash?: Flash;
  show(text: string): void;
}

export function useFlash(ms = FLASH_MS): FlashState {
  const [flash, setFlash] = useState<Flash | undefined>(undefined);
  const seq = useRef(0);
  useEffect(() => {
    if (!flash) return undefined;
    const t = setTimeout(() => setFlash((f) => (f?.id === flash.id ? undefined : f)), ms);
    return () => clearTimeout(t);
  }, [flash, ms]);
  const show = useCallback((text: string) => setFlash({ text, id: ++seq.current }), []);
  return { flash, show };
}
