// The `crates` section of `.releaserc.json`: the workspace, the publish list and how the queue
// publishes (command, registry, grace, concurrency, verify-first).
import * as z from 'zod';
import { RelPath } from './repo-path.js';
import { Argv } from './argv.js';
import { CRATE_NAME } from '../crate-commands.js';
import { CRATES_IO_INDEX_URL } from '../cargo-config.js';

export const Crates = z
  .object({
    workspace: RelPath.optional().describe('Directory of the workspace Cargo.toml.'),
    extraManifests: z.array(RelPath).default([]).describe('Crates outside the workspace.'),
    publish: z
      .array(
        z
          .string()
          .regex(CRATE_NAME, 'a crate name is ASCII letters, digits, "-" or "_", starting with a letter (64 at most)'),
      )
      .default([])
      .describe('The crates to publish; their order is a hint kept wherever dependencies allow.'),
    command: Argv.default(['cargo', 'publish', '-p', '{crate}']).refine((a) => a.some((s) => s.includes('{crate}')), {
      message: 'the publish command must contain {crate}',
    }),
    yankCommand: Argv.default(['cargo', 'yank', '--version', '{version}', '{crate}']),
    unyankCommand: Argv.optional().describe(
      'Undoes yankCommand. Unset: cargo yank gets --undo; a custom yankCommand without an unyankCommand cannot unyank.',
    ),
    verifyFirst: z
      .boolean()
      .default(true)
      .describe(
        "Package and verify-compile the whole publish set once before the first upload (`cargo package --no-verify -p A -p B ...`, then one `cargo build` of the packages, each patched to the set's own packages), then upload each crate without verifying it again (the verified .crate itself through the registry's publish API, or `cargo publish --no-verify`: see `upload`): a compile error in any crate uploads nothing. An outside crate (extraManifests) whose dependencies are still to publish gets `cargo check` instead.",
      ),
    upload: z
      .enum(['auto', 'cargo'])
      .default('auto')
      .describe(
        'Who uploads a verified crate. "auto": the queue sends the verified .crate to the registry\'s publish API itself when that is exactly what `cargo publish` would do (same registry and index, the token cargo would send from the environment, a proxy its HTTP client can use); otherwise cargo, and the step\'s log says why. "cargo": always `cargo publish --no-verify`.',
      ),
    graceSeconds: z.number().min(0).default(60),
    concurrency: z.number().int().min(1).max(16).default(1),
    indexTimeoutSeconds: z
      .number()
      .positive()
      .default(300)
      .describe('How long to wait for a published version to appear in the index.'),
    maxRetries: z
      .number()
      .int()
      .min(0)
      .default(5)
      .describe('Retries for network errors and 5xx before the crate is marked failed.'),
    registry: z
      .object({
        name: z.string().default('crates-io'),
        index: z
          .string()
          .regex(/^sparse\+https?:\/\//, 'the index must be a sparse index URL: sparse+https://...')
          // Tokens come only from the environment: a URL is printed, logged and kept in the state.
          .refine(
            (u) => !/^[a-z+]+:\/\/[^/]*@/.test(u),
            "the index URL must not carry credentials (user:password@): give the registry's token in the environment (CARGO_REGISTRY_TOKEN, or CARGO_REGISTRIES_<NAME>_TOKEN)",
          )
          .default(CRATES_IO_INDEX_URL),
        web: z.string().optional().describe('Base URL for crate links in the release notes.'),
        rateLimits: z
          .object({
            newCrate: z.object({ perMinutes: z.number().positive(), burst: z.number().int().min(1) }).strict(),
            newVersion: z.object({ perMinutes: z.number().positive(), burst: z.number().int().min(1) }).strict(),
          })
          .strict()
          .optional()
          .describe('Defaults to crates.io: new crate 1 per 10 min (burst 5), new version 1 per min (burst 30).'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type CratesConfig = z.infer<typeof Crates>;
