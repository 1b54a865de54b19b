// Pure: whether the queue may upload a verified crate itself (the registry's publish API, the
// .crate verify-first built) instead of `cargo publish --no-verify`, and with which token. Only
// when it sends exactly what cargo would send, to the registry cargo would send it to, with the
// token cargo would take from the environment; otherwise the reason, and cargo uploads.

/** The env variable cargo reads a registry's token from (crates.io's has its own name). */
export function tokenEnvName(registry: string): string {
  if (registry === 'crates-io') return 'CARGO_REGISTRY_TOKEN';
  return `CARGO_REGISTRIES_${registry.toUpperCase().replace(/[-.]/g, '_')}_TOKEN`;
}

// Flags of `cargo publish` that change nothing in an upload of an already verified package.
const FLAGS = new Set(['--no-verify', '--allow-dirty', '--locked', '-q', '--quiet', '-v', '--verbose']);
const FLAGS_WITH_VALUE = new Set(['-p', '--package', '-F', '--features']);
const FEATURE_FLAGS = new Set(['--all-features', '--no-default-features']);

/** The registry a `cargo publish` command uploads to, or why that is not known from it. */
function commandRegistry(
  template: readonly string[],
  env: Record<string, string | undefined>,
): { registry: string } | { reason: string } {
  if (template[0] !== 'cargo' || template[1] !== 'publish')
    return { reason: `the publish command is not \`cargo publish\`` };
  let registry: string | undefined;
  for (let i = 2; i < template.length; i++) {
    const arg = template[i] as string;
    if (FLAGS.has(arg) || FEATURE_FLAGS.has(arg)) continue;
    if (FLAGS_WITH_VALUE.has(arg) && i + 1 < template.length) i += 1;
    else if (arg === '--registry' && i + 1 < template.length) registry = template[++i];
    else return { reason: `the publish command has ${arg}` };
  }
  return { registry: registry ?? env.CARGO_REGISTRY_DEFAULT ?? 'crates-io' };
}

export type UploadPath = { direct: true; token: string; tokenVar: string } | { direct: false; reason: string };

/** Cargo's printable-ASCII rule for a token (a newline would end the header). */
const TOKEN = /^[\x20-\x7e]+$/;

export function uploadPath(
  template: readonly string[],
  registry: string,
  env: Record<string, string | undefined>,
): UploadPath {
  const target = commandRegistry(template, env);
  if ('reason' in target) return { direct: false, reason: target.reason };
  if (target.registry !== registry)
    return {
      direct: false,
      reason: `cargo would publish to registry \`${target.registry}\`, the release's is \`${registry}\``,
    };
  const tokenVar = tokenEnvName(registry);
  const token = env[tokenVar];
  if (!token) return { direct: false, reason: `${tokenVar} is not set (cargo finds its token itself)` };
  if (!TOKEN.test(token)) return { direct: false, reason: `${tokenVar} is not a token cargo would send` };
  return { direct: true, token, tokenVar };
}
