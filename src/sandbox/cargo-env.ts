// An isolated cargo environment for a loopback registry, so the configured command can stay
// `cargo publish -p {crate}`: the source replacement lives in CARGO_HOME/config.toml (`[source]`
// cannot be set by env vars), the default registry, index and token come from env.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOCAL_REGISTRY = 'local';

export interface CargoEnvOptions {
  /** `sparse+http://127.0.0.1:PORT/index/`. */
  registryIndexUrl: string;
  token?: string;
  /** Reuse this directory as CARGO_HOME (created when missing); default: a fresh temp dir. */
  cargoHome?: string;
  /** Shared build directory (tests reuse builds across runs of one file). */
  targetDir?: string;
  /** The environment to start from (default process.env). */
  base?: Record<string, string | undefined>;
}

export interface CargoEnv {
  cargoHome: string;
  env: Record<string, string | undefined>;
}

// Inherited registry settings would point cargo at the real crates.io or a real token.
const STRIPPED =
  /^(CARGO_REGISTRY_|CARGO_REGISTRIES_|CARGO_SOURCE_|CARGO_HTTP_|CARGO_NET_|CARGO_TARGET_DIR$|CARGO_BUILD_TARGET_DIR$)/;

export function makeCargoEnv(opts: CargoEnvOptions): CargoEnv {
  if (!/^sparse\+http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(opts.registryIndexUrl)) {
    throw new Error(`makeCargoEnv is for loopback registries only, got ${opts.registryIndexUrl}`);
  }
  const cargoHome = opts.cargoHome ?? mkdtempSync(join(tmpdir(), 'rc-cargo-home-'));
  mkdirSync(cargoHome, { recursive: true });
  writeFileSync(
    join(cargoHome, 'config.toml'),
    [
      '# Written by release-cockpit for a loopback registry: crates.io is replaced by it.',
      '[source.crates-io]',
      `replace-with = "${LOCAL_REGISTRY}"`,
      '',
      `[registries.${LOCAL_REGISTRY}]`,
      `index = "${opts.registryIndexUrl}"`,
      '',
    ].join('\n'),
  );
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(opts.base ?? process.env)) {
    if (!STRIPPED.test(k)) env[k] = v;
  }
  Object.assign(env, {
    CARGO_HOME: cargoHome,
    CARGO_REGISTRY_DEFAULT: LOCAL_REGISTRY,
    CARGO_REGISTRIES_LOCAL_INDEX: opts.registryIndexUrl,
    // Failures must surface to the queue at once: it owns retries and backoff.
    CARGO_NET_RETRY: '0',
    CARGO_TERM_COLOR: 'never',
  });
  if (opts.token !== undefined) env.CARGO_REGISTRIES_LOCAL_TOKEN = opts.token;
  if (opts.targetDir !== undefined) env.CARGO_TARGET_DIR = opts.targetDir;
  return { cargoHome, env };
}
