// The crate graph of Micromegas v0.15.0 as the seed describes it: 12 published crates in the
// maintainer's order plus the binaries that live in the same workspace (not marked
// publish = false, which is why the publish list is explicit).

export interface DemoCrate {
  name: string;
  /** Directory relative to rust/. */
  dir: string;
  /** Internal dependencies through [workspace.dependencies] (`x.workspace = true`). */
  deps: string[];
  /** Internal dependencies pinned by hand in the member, with their requirement. */
  pinned?: { name: string; path: string; req: string }[];
  procMacro?: boolean;
  binary?: boolean;
  description: string;
}

export const DEMO_CRATES: DemoCrate[] = [
  {
    name: 'micromegas-derive-transit',
    dir: 'derive-transit',
    deps: [],
    procMacro: true,
    description: 'Transit derive macros',
  },
  {
    name: 'micromegas-tracing-proc-macros',
    dir: 'tracing/proc-macros',
    deps: [],
    procMacro: true,
    description: 'Tracing procedural macros',
  },
  {
    name: 'micromegas-transit',
    dir: 'transit',
    deps: [],
    pinned: [{ name: 'micromegas-derive-transit', path: '../derive-transit', req: '^{minor}' }],
    description: 'Data serialization framework',
  },
  {
    name: 'micromegas-tracing',
    dir: 'tracing',
    deps: ['micromegas-transit'],
    pinned: [{ name: 'micromegas-tracing-proc-macros', path: './proc-macros', req: '^{minor}' }],
    description: 'Core tracing library',
  },
  {
    name: 'micromegas-auth',
    dir: 'auth',
    deps: ['micromegas-tracing'],
    description: 'Authentication providers (OIDC, API keys)',
  },
  {
    name: 'micromegas-telemetry',
    dir: 'telemetry',
    deps: ['micromegas-tracing', 'micromegas-transit'],
    description: 'Telemetry data structures',
  },
  {
    name: 'micromegas-ingestion',
    dir: 'ingestion',
    deps: ['micromegas-telemetry', 'micromegas-tracing', 'micromegas-transit', 'micromegas-auth'],
    description: 'Data ingestion utilities',
  },
  {
    name: 'micromegas-telemetry-sink',
    dir: 'telemetry-sink',
    deps: ['micromegas-telemetry', 'micromegas-tracing'],
    description: 'Telemetry data sinks',
  },
  {
    name: 'micromegas-perfetto',
    dir: 'perfetto',
    deps: ['micromegas-tracing', 'micromegas-transit'],
    description: 'Perfetto trace generation',
  },
  {
    name: 'micromegas-analytics',
    dir: 'analytics',
    deps: [
      'micromegas-ingestion',
      'micromegas-telemetry',
      'micromegas-tracing',
      'micromegas-transit',
      'micromegas-perfetto',
    ],
    description: 'Analytics and query engine',
  },
  {
    name: 'micromegas-proc-macros',
    dir: 'micromegas-proc-macros',
    deps: ['micromegas-tracing', 'micromegas-analytics'],
    procMacro: true,
    description: 'Top-level procedural macros',
  },
  {
    name: 'micromegas',
    dir: 'public',
    deps: [
      'micromegas-analytics',
      'micromegas-auth',
      'micromegas-ingestion',
      'micromegas-perfetto',
      'micromegas-proc-macros',
      'micromegas-telemetry',
      'micromegas-telemetry-sink',
      'micromegas-tracing',
      'micromegas-transit',
    ],
    description: 'Micromegas: scalable observability',
  },
  // Binaries: members of the workspace, never published, not marked publish = false.
  {
    name: 'telemetry-ingestion-srv',
    dir: 'telemetry-ingestion-srv',
    deps: ['micromegas'],
    binary: true,
    description: 'Ingestion server',
  },
  {
    name: 'flight-sql-srv',
    dir: 'flight-sql-srv',
    deps: ['micromegas'],
    binary: true,
    description: 'FlightSQL server',
  },
  {
    name: 'telemetry-admin-cli',
    dir: 'telemetry-admin-cli',
    deps: ['micromegas'],
    binary: true,
    description: 'Admin CLI',
  },
  { name: 'http-gateway', dir: 'http-gateway', deps: ['micromegas'], binary: true, description: 'HTTP gateway' },
  { name: 'uri-handler', dir: 'uri-handler', deps: ['micromegas'], binary: true, description: 'URI handler' },
];

export const DEMO_PUBLISH_ORDER = DEMO_CRATES.filter((c) => !c.binary).map((c) => c.name);

/** Commits since the previous release, as the seed lists them (PR numbers included). */
export const DEMO_HISTORY: { subject: string; file: string }[] = [
  { subject: 'Authentication framework with OIDC and API key support (#546)', file: 'rust/auth/src/lib.rs' },
  { subject: 'Unified JWKS architecture for service accounts (#547)', file: 'rust/auth/src/jwks.rs' },
  {
    subject: 'feat(python): OIDC authentication support for the Python client (#548)',
    file: 'python/micromegas/micromegas/auth.py',
  },
  { subject: 'OIDC authentication support for CLI tools (#549)', file: 'rust/telemetry-admin-cli/src/main.rs' },
  { subject: 'docs: comprehensive admin guide with authentication docs (#550)', file: 'doc/admin.md' },
  {
    subject: 'feat(ingestion): HTTP authentication for the ingestion service (#551)',
    file: 'rust/ingestion/src/lib.rs',
  },
  { subject: 'OAuth 2.0 client credentials for service accounts (#552)', file: 'rust/auth/src/oauth.rs' },
  { subject: 'Update Grafana plugin SDK to 11.6.7 (#555)', file: 'grafana/.config/sdk-version.txt' },
  { subject: 'Fix 28 Dependabot security vulnerabilities (#556)', file: 'grafana/yarn.lock' },
  { subject: 'Add client IP logging to server observability (#566)', file: 'rust/telemetry-ingestion-srv/src/main.rs' },
  { subject: 'feat: gRPC health check endpoint (#570)', file: 'rust/flight-sql-srv/src/main.rs' },
  { subject: 'refactor: rework AuthProvider to use request validation (#571)', file: 'rust/auth/src/provider.rs' },
  { subject: 'fix(ci): linker crashes and build reliability (#572)', file: 'build/rust_ci.py' },
  { subject: 'Modernize Unreal telemetry sink module (#584)', file: 'unreal/MicromegasTelemetrySink/Build.cs' },
  { subject: 'Refactor OIDC connection to library module (#588)', file: 'rust/auth/src/oidc.rs' },
];
