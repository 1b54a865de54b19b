// The plan: everything computed before anything runs. Pure data, JSON-serialisable.
import type { Config } from './config/config.js';
import type { StepConfig, StepKind } from './config/step.js';
import type { ProblemCode } from './problem-codes.js';

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Stable machine code (see problem-codes.ts), e.g. 'publish-list-not-closed', 'dependency-cycle'. */
  code: ProblemCode;
  /** One sentence: what is wrong and how to fix it. */
  message: string;
  /** Repo-relative path. */
  file?: string;
  /** 1-based. */
  line?: number;
}

export type DepKind = 'normal' | 'build' | 'dev';

/** One dependency entry of a manifest, after `workspace = true` is resolved. */
export interface CrateDep {
  /** The real package name (`package = "..."` when renamed, else the key). */
  name: string;
  /** The key in the manifest (differs from name for renamed deps). */
  alias: string;
  kind: DepKind;
  optional: boolean;
  /** The cfg expression of a `[target.'cfg(..)'.dependencies]` table. */
  target?: string;
  /** Path dependency, repo-relative, when present. */
  path?: string;
  /** Version requirement as written (or inherited from [workspace.dependencies]); absent for path-only deps. */
  req?: string;
  /** `workspace = true` in the member. */
  fromWorkspace: boolean;
  /** Where the requirement is written (the member, or the workspace root when inherited). */
  file: string;
  line?: number;
  /** Line of the entry in the crate's own manifest (differs from `line` when inherited with `workspace = true`). */
  declaredLine?: number;
}

/** A crate of the workspace or of `crates.extraManifests`. */
export interface CrateNode {
  name: string;
  version: string;
  /** Repo-relative path of its Cargo.toml. */
  manifest: string;
  /** `publish = false` gives false; `publish = ["reg"]` gives the list. */
  publish: boolean | string[];
  deps: CrateDep[];
  description?: string;
  license?: string;
  licenseFile?: string;
  /** Repo-relative README path the manifest points to (explicit or default README.md when present); false when `readme = false`. */
  readme?: string | false;
  procMacro: boolean;
  inWorkspace: boolean;
  /** Line of `version` in the manifest (or of the workspace package version when inherited). */
  versionLine?: number;
  versionInherited: boolean;
}

export interface PlannedCrate {
  name: string;
  version: string;
  manifest: string;
  /** 0 = no internal registry dependency among the published crates. */
  layer: number;
  /** Internal published crates it needs on the registry (normal, build, and versioned dev deps). */
  dependsOn: string[];
}

export type VersionLocationKind =
  | 'cargo-workspace-package' // [workspace.package] version
  | 'cargo-package' // [package] version
  | 'cargo-workspace-dep' // [workspace.dependencies] x = { version = ... } of an internal crate
  | 'cargo-dep-req' // a hardcoded requirement on an internal crate in a member or extra manifest
  | 'pyproject' // [tool.poetry] or [project] version
  | 'package-json' // "version" of a package.json
  | 'toml' // another TOML manifest's top-level or [package] version
  | 'json'; // another JSON file's "version"

/** One place a version string is written. Edits replace exactly [column, column + value.length) on line. */
export interface VersionLocation {
  /** Repo-relative path. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 0-based offset of the first character of the value inside the line (inside the quotes). */
  column: number;
  /** The value as written, without quotes: "0.15.0", "^0.15", "=0.15.0", "%VERSION%". */
  value: string;
  kind: VersionLocationKind;
  /** Human key, e.g. "workspace.package.version", "dependencies.micromegas-transit.version". */
  key: string;
  /** The internal crate a requirement points to (cargo-workspace-dep, cargo-dep-req). */
  crate?: string;
  /** True when the value is a requirement (compare with semver.satisfies), false when it is a version. */
  requirement: boolean;
  /** A build-time placeholder such as %VERSION%: recognised and left alone. */
  placeholder?: boolean;
}

export interface PlannedStep {
  id: string;
  phaseId: string;
  kind: StepKind;
  title: string;
  /** Confirmation + journal intent/done around it (core/irreversible.ts decides; everything reads this). */
  irreversible: boolean;
  config: StepConfig;
}

export interface PlannedPhase {
  id: string;
  title: string;
  steps: PlannedStep[];
}

export interface Plan {
  project: string;
  /** Absolute path of the repo. */
  repo: string;
  /** Absolute path of the config file. */
  configPath: string;
  version: string;
  next: string;
  /** tagFormat applied to version. */
  tag: string;
  previousTag?: string;
  crates: PlannedCrate[];
  /** Every crate model read, published or not (for closure checks and bumps). */
  workspaceCrates: CrateNode[];
  versionFiles: VersionLocation[];
  phases: PlannedPhase[];
  problems: Problem[];
  config: Config;
}

/** What `plan --json` prints: a contract scripts read (built by plan-json.ts). */
export interface PlanJson {
  version: string;
  next: string;
  crates: { name: string; version: string; manifest: string; layer: number; dependsOn: string[] }[];
  versionFiles: { path: string; line: number; value: string }[];
  phases: { id: string; title: string; steps: { id: string; kind: StepKind; title: string }[] }[];
  problems: Problem[];
}
