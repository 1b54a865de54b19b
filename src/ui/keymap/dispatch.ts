// Key dispatch, pure: the top modal first, then the focused pane, then global bindings. Unknown
// keys do nothing; a matching but disabled binding yields its reason for the footer to flash.
import type { CommandId } from './commands.js';
import type { Binding, KeyContext, Scope } from './types.js';
import type { KeyPress } from './key-names.js';

export type DispatchResult =
  | { kind: 'command'; command: CommandId; binding: Binding }
  | { kind: 'disabled'; command: CommandId; reason: string }
  | { kind: 'text'; text: string }
  | { kind: 'none' };

/** The scopes consulted for a context, in order. A modal hides the panes and the global keys. */
export function scopesFor(ctx: KeyContext): Scope[] {
  return ctx.modal ? [ctx.modal] : [ctx.focus, 'global'];
}

export function applies(b: Binding, ctx: KeyContext): boolean {
  return b.when === undefined || b.when(ctx);
}

export function reasonDisabled(b: Binding, ctx: KeyContext): string | undefined {
  return b.disabledReason?.(ctx);
}

function resolve(b: Binding, ctx: KeyContext): DispatchResult {
  const reason = reasonDisabled(b, ctx);
  return reason === undefined
    ? { kind: 'command', command: b.command, binding: b }
    : { kind: 'disabled', command: b.command, reason };
}

function find(bindings: readonly Binding[], scope: Scope, key: string, ctx: KeyContext): Binding | undefined {
  return bindings.find((b) => b.scope === scope && b.keys.includes(key) && applies(b, ctx));
}

export function dispatch(press: KeyPress, ctx: KeyContext, bindings: readonly Binding[]): DispatchResult {
  for (const scope of scopesFor(ctx)) {
    const b = find(bindings, scope, press.name, ctx);
    if (b) return resolve(b, ctx);
  }
  if (ctx.modal) {
    if (ctx.textInput && press.text !== undefined) return { kind: 'text', text: press.text };
    const escape = bindings.find((b) => b.evenInModal && b.keys.includes(press.name) && applies(b, ctx));
    if (escape) return resolve(escape, ctx);
  }
  return { kind: 'none' };
}

/** Bindings to advertise now: applicable and enabled, in scope order, one entry per command. */
export function enabledBindings(ctx: KeyContext, bindings: readonly Binding[]): Binding[] {
  const out: Binding[] = [];
  const seen = new Set<CommandId>();
  for (const scope of scopesFor(ctx)) {
    for (const b of bindings) {
      if (b.scope !== scope || seen.has(b.command)) continue;
      if (!applies(b, ctx) || reasonDisabled(b, ctx) !== undefined) continue;
      seen.add(b.command);
      out.push(b);
    }
  }
  return out;
}
