// Footer state: key hints generated from the bindings enabled in the current context, and a
// flash line (a disabled key's reason, an engine error) that clears itself after 2 s.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Binding, KeyContext } from '../../keymap/types.js';
import { applies, enabledBindings, scopesFor } from '../../keymap/dispatch.js';
import { displayKey } from '../../keymap/key-names.js';

export const FLASH_MS = 2000;

export interface Hint {
  key: string;
  label: string;
  /** Kept however narrow the footer is. */
  pinned?: boolean;
  /** Advertised while it cannot run now (drawn dim; pressing it says why). */
  disabled?: boolean;
}

/** The footer's keys: the enabled ones, and the advertised ones even while disabled, in binding order. */
export function footerHints(ctx: KeyContext, bindings: readonly Binding[]): Hint[] {
  const enabled = new Set(enabledBindings(ctx, bindings));
  const seen = new Set<string>();
  const out: Hint[] = [];
  for (const scope of scopesFor(ctx)) {
    for (const b of bindings) {
      if (b.scope !== scope || seen.has(b.command)) continue;
      const on = enabled.has(b);
      if (!on && !(b.advertise && b.footer && applies(b, ctx))) continue;
      seen.add(b.command);
      if (!b.footer) continue;
      out.push({
        key: displayKey(b.keys[0] ?? ''),
        label: b.label ? b.label(ctx) : b.description,
        ...(b.pinned ? { pinned: true } : {}),
        ...(on ? {} : { disabled: true }),
      });
    }
  }
  return out;
}

const hintWidth = (h: Hint): number => h.key.length + 1 + h.label.length + 2;

/** As many hints as fit in `width` columns, in order; pinned ones (help, quit) always. */
export function fitHints(hints: readonly Hint[], width: number): Hint[] {
  let room = width - hints.filter((h) => h.pinned).reduce((n, h) => n + hintWidth(h), 0);
  let full = false;
  return hints.filter((h) => {
    if (h.pinned) return true;
    // Once one does not fit, later ones are dropped too: the order is the priority.
    full ||= hintWidth(h) > room;
    if (full) return false;
    room -= hintWidth(h);
    return true;
  });
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
