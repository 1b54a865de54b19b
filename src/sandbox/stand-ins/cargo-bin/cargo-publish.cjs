'use strict';
// `cargo publish` and `cargo yank` of the stand-in, in cargo 1.95's order and words (see
// test/fixtures/cargo-output/): the crate itself must not be on the index yet, every dependency
// must be, then package, "verify", upload, and wait until the index shows the new version.
// Nothing is compiled: the Verifying/Compiling lines only report what cargo would build.
const fs = require('node:fs');
const path = require('node:path');
const { crateFiles, metadata, normReq } = require('./cargo-package.cjs');
const { CargoError, loadWorkspace, buildOrder } = require('./cargo-workspace.cjs');
const {
  registryOf,
  apiOf,
  indexVersions,
  pick,
  apiCall,
  tarGz,
  humanBytes,
  publishBody,
} = require('./cargo-registry.cjs');

const noToken = (reg) =>
  new CargoError(
    `no token found for \`${reg.name}\`, please run \`cargo login --registry ${reg.name}\`\nor use environment variable CARGO_REGISTRIES_${reg.key}_TOKEN`,
  );
const searched = (reg) =>
  `location searched: \`${reg.name}\` index${reg.replacing ? ' (which is replacing registry `crates-io`)' : ''}`;
const elapsed = (t0) => `${((Date.now() - t0) / 1000).toFixed(2)}s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What the verify build would compile: the registry closure of `direct`, dependencies first. */
async function closure(reg, direct) {
  const order = [];
  const seen = new Set();
  const visit = async (line) => {
    if (seen.has(line.name)) return;
    seen.add(line.name);
    for (const d of line.deps ?? []) {
      if (d.kind === 'dev' || d.optional) continue;
      const dep = pick(await indexVersions(reg, d.package ?? d.name), d.req);
      if (dep) await visit(dep);
    }
    order.push(line);
  };
  for (const line of direct) await visit(line);
  return order;
}

/** Registry dependencies on the index, or cargo's "failed to prepare local package" error. */
async function resolveDeps(reg, m, label) {
  const needed = m.deps.filter((d) => d.kind !== 'dev');
  const missingVersion = needed.find((d) => !d.req);
  if (missingVersion) {
    throw new CargoError(
      `all dependencies must have a version requirement specified when publishing.\ndependency \`${missingVersion.rename ?? missingVersion.name}\` does not specify a version\nNote: The published dependency will use the version from crates.io,\nthe \`path\` specification will be removed from the dependency declaration.`,
    );
  }
  const resolved = [];
  for (const d of needed) {
    const lines = await indexVersions(reg, d.name);
    const line = pick(lines, d.req);
    if (line) {
      resolved.push(line);
      continue;
    }
    const why =
      lines.length === 0
        ? `no matching package named \`${d.name}\` found`
        : `failed to select a version for the requirement \`${d.rename ?? d.name} = "${normReq(d.req)}"\`\ncandidate versions found which didn't match: ${lines
            .map((l) => l.vers)
            .reverse()
            .join(', ')}`;
    throw new CargoError('failed to prepare local package for uploading', [
      `${why}\n${searched(reg)}\nrequired by package \`${label} (${m.dir})\``,
    ]);
  }
  return resolved;
}

/** `cargo publish -p NAME[@VERSION] [--registry R] [--token T] [--dry-run] [--no-verify]`. */
async function publish(o, env, out) {
  const t0 = Date.now();
  const ws = loadWorkspace(o.cwd);
  // A package ID spec: `name` or `name@version` (cargo refuses a version the manifest does not carry).
  const [pkgName, pkgVersion] = (o.pkg ?? '').split('@');
  const m = o.pkg
    ? ws.members.find((x) => x.name === pkgName && (pkgVersion === undefined || x.version === pkgVersion))
    : ws.current;
  if (!m && o.pkg) throw new CargoError(`package ID specification \`${o.pkg}\` did not match any packages`);
  if (!m)
    throw new CargoError(
      'the cargo stand-in of release-cockpit does not implement `cargo publish` of a whole workspace: pass `-p NAME`',
    );
  if (!m.publish)
    throw new CargoError(
      `\`${m.name}\` cannot be published.\n\`package.publish\` must be set to \`true\` or a non-empty list in Cargo.toml to publish.`,
    );
  const reg = registryOf(o.registry ?? env.CARGO_REGISTRY_DEFAULT, env);
  const label = `${m.name} v${m.version}`;
  out.status('Updating', `\`${reg.name}\` index`);
  const api = await apiOf(reg);
  if ((await indexVersions(reg, m.name)).some((l) => l.vers === m.version)) {
    throw new CargoError(`crate ${m.name}@${m.version} already exists on \`${reg.name}\` index`);
  }
  const token = o.token ?? reg.token;
  if (!token && !o.dryRun) throw noToken(reg);

  out.status('Packaging', `${label} (${m.dir})`);
  if (m.deps.some((d) => d.kind !== 'dev')) out.status('Updating', `\`${reg.name}\` index`);
  const direct = await resolveDeps(reg, m, label);
  const files = crateFiles(m);
  const crate = tarGz(files.map((f) => ({ name: `${m.name}-${m.version}/${f.rel}`, data: f.data })));
  const size = files.reduce((n, f) => n + f.data.length, 0);
  out.status('Packaged', `${files.length} files, ${humanBytes(size)} (${humanBytes(crate.length)} compressed)`);
  if (!o.noVerify) {
    out.status('Verifying', `${label} (${m.dir})`);
    const built = await closure(reg, direct);
    if (built.length > 0) out.status('Downloading', 'crates ...');
    for (const l of built) out.status('Downloaded', `${l.name} v${l.vers} (registry \`${reg.name}\`)`);
    for (const l of built) out.status('Compiling', `${l.name} v${l.vers}`);
    const target = path.resolve(o.cwd, env.CARGO_TARGET_DIR ?? path.join(ws.root, 'target'));
    out.status('Compiling', `${label} (${path.join(target, 'package', `${m.name}-${m.version}`)})`);
    out.status('Finished', `\`dev\` profile [unoptimized + debuginfo] target(s) in ${elapsed(t0)}`);
  }
  out.status('Uploading', `${label} (${m.dir})`);
  if (o.dryRun) {
    out.line('warning: aborting upload due to dry run');
    return 0;
  }
  const answer = await apiCall(
    'PUT',
    `${api}/api/v1/crates/new`,
    token,
    publishBody(metadata(m, files), crate),
    `failed to publish ${label} to registry at ${api}`,
  );
  for (const w of safeJson(answer)?.warnings?.other ?? []) out.line(`warning: ${w}`);
  out.status('Uploaded', `${label} to registry \`${reg.name}\``);

  // cargo polls the index about once a second until the version shows, then gives up with a
  // warning (exit 0) after publish.timeout (60 s; 0 = do not wait).
  const timeoutMs = Number(env.CARGO_PUBLISH_TIMEOUT ?? 60) * 1000;
  if (timeoutMs <= 0) return 0;
  out.line(`note: waiting for ${label} to be available at registry \`${reg.name}\``);
  out.line('help: you may press ctrl-c to skip waiting; the crate should be available shortly');
  const waitStart = Date.now();
  for (;;) {
    const lines = await indexVersions(reg, m.name).catch(() => []);
    if (lines.some((l) => l.vers === m.version)) break;
    if (Date.now() - waitStart >= timeoutMs) {
      out.line(
        `warning: timed out waiting for \`${m.name} v${m.version}\` to be available in registry \`${reg.name}\``,
      );
      out.line(
        'note: the registry may have a backlog that is delaying making the crate available. The crate should be available soon.',
      );
      return 0;
    }
    await sleep(1000);
  }
  out.status('Published', `${label} at registry \`${reg.name}\``);
  return 0;
}

/** `cargo package -p A[@V] -p B[@V] ...`: package every crate of the set, then "verify" each in build order. */
function packageSet(o, env, out) {
  const t0 = Date.now();
  const ws = loadWorkspace(o.cwd);
  const chosen =
    o.pkgs.length === 0
      ? [ws.current]
      : o.pkgs.map((spec) => {
          const [name, version] = spec.split('@');
          const m = ws.members.find((x) => x.name === name && (version === undefined || x.version === version));
          if (!m) throw new CargoError(`package ID specification \`${spec}\` did not match any packages`);
          return m;
        });
  for (const m of chosen) {
    const files = crateFiles(m);
    out.status('Packaging', `${m.name} v${m.version} (${m.dir})`);
    out.status('Packaged', `${files.length} files, ${humanBytes(files.reduce((n, f) => n + f.data.length, 0))}`);
  }
  if (o.noVerify) return 0;
  const target = path.resolve(o.cwd, env.CARGO_TARGET_DIR ?? path.join(ws.root, 'target'));
  for (const m of buildOrder(chosen)) {
    out.status('Verifying', `${m.name} v${m.version} (${m.dir})`);
    out.status('Compiling', `${m.name} v${m.version} (${path.join(target, 'package', `${m.name}-${m.version}`)})`);
    // A `compile_error!("...")` in the crate root stands for a crate that does not compile.
    const lib = path.join(m.dir, 'src', 'lib.rs');
    const broken = fs.existsSync(lib) ? /compile_error!\s*\(\s*"([^"]*)"/.exec(fs.readFileSync(lib, 'utf8')) : null;
    if (broken) {
      out.line(`error: ${broken[1]}`);
      out.line(`error: could not compile \`${m.name}\` (lib) due to 1 previous error`);
      throw new CargoError('failed to verify package tarball');
    }
    out.status('Finished', `\`dev\` profile [unoptimized + debuginfo] target(s) in ${elapsed(t0)}`);
  }
  return 0;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `cargo yank --version V NAME [--undo]` (or `NAME@V`): DELETE .../yank, PUT .../unyank. */
async function yank(o, env, out) {
  const [crate, at] = (o.crate ?? '').split('@');
  const version = o.version ?? at;
  if (!crate) throw new CargoError('the following required arguments were not provided:\n  <CRATE>');
  if (!version) throw new CargoError('`--version` is required');
  const reg = registryOf(o.registry ?? env.CARGO_REGISTRY_DEFAULT, env);
  out.status('Updating', `\`${reg.name}\` index`);
  const api = await apiOf(reg);
  const token = o.token ?? reg.token;
  if (!token) throw noToken(reg);
  out.status(o.undo ? 'Unyank' : 'Yank', `${crate}@${version}`);
  const url = `${api}/api/v1/crates/${encodeURIComponent(crate)}/${encodeURIComponent(version)}/${o.undo ? 'unyank' : 'yank'}`;
  const context = o.undo
    ? `failed to undo a yank from the registry at ${api}`
    : `failed to yank from the registry at ${api}`;
  await apiCall(o.undo ? 'PUT' : 'DELETE', url, token, undefined, context);
  return 0;
}

module.exports = { publish, packageSet, yank };
