// The queue's own upload (the verified .crate through the registry's publish API) against real
// cargo's: the same crates published once by `cargo publish --no-verify` to one loopback registry
// and once by the queue's uploader to another; each registry must have received byte-identical
// metadata JSON, the same index line and the same .crate bytes. The Micromegas crates go through
// the whole queue both ways (cargo's path taken because the token is only in cargo's credentials
// file, the direct path because it is in the environment); a fixture crate with every dependency
// shape and package field goes through the uploader's pieces against `cargo publish` itself.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exec } from '../../src/adapters/exec.js';
import { createRegistryApi } from '../../src/adapters/registry-api.js';
import { putCrate } from '../../src/adapters/registry-publish.js';
import { unpackCrates } from '../../src/adapters/scratch-workspace.js';
import { publishMetadata } from '../../src/core/publish-metadata.js';
import { runPublishQueue } from '../../src/engine/publish-queue.js';
import { apiFor, indexFor } from '../../src/engine/steps/publish-crates.js';
import { makeCargoEnv } from '../../src/sandbox/cargo-env.js';
import { startRegistry, type Registry } from '../../src/sandbox/registry-server.js';
import { MICROMEGAS_CRATES, writeMicromegasWorkspace } from '../sandbox/micromegas-crates.js';
import { seedShapeDeps, SHAPES, writeShapesCrate } from '../sandbox/dependency-shapes.js';
import { duplicateUploads, sharedTargetDir, startHarness, TOKEN, type Harness } from '../sandbox/queue-harness.js';

const targetDir = sharedTargetDir('direct-upload-equal');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** Both registries received the same request metadata, index line and .crate for NAME@VERSION. */
function expectSameUpload(a: Registry, b: Registry, name: string, version: string): void {
  const key = `${name}@${version}`;
  expect(a.metadata.get(key), `${key}: cargo's metadata`).toBeDefined();
  expect(b.metadata.get(key), `${key}: metadata JSON`).toBe(a.metadata.get(key));
  expect(b.stored(name, version)?.line, `${key}: index line`).toEqual(a.stored(name, version)?.line);
  expect(b.stored(name, version)?.crate.equals(a.stored(name, version)?.crate as Buffer), `${key}: .crate bytes`).toBe(
    true,
  );
}

async function micromegas(indexDelayMs: number): Promise<Harness> {
  const h = await startHarness({
    targetDir,
    registry: { indexDelayMs },
    prepare: (indexUrl) => writeMicromegasWorkspace({ indexUrl, concurrency: 4 }),
  });
  cleanups.push(() => h.close());
  return h;
}

describe('the queue uploads exactly what cargo would', () => {
  it('the 12 Micromegas crates: same metadata, index lines and .crate bytes as cargo publish --no-verify', async () => {
    const viaCargo = await micromegas(100);
    // cargo's path: the token only in cargo's credentials file, where the queue does not read it.
    delete viaCargo.env.CARGO_REGISTRIES_LOCAL_TOKEN;
    writeFileSync(
      join(viaCargo.env.CARGO_HOME as string, 'credentials.toml'),
      `[registries.local]\ntoken = "${TOKEN}"\n`,
    );
    const a = await runPublishQueue(viaCargo.context(), { index: indexFor(viaCargo.plan), api: apiFor(viaCargo.plan) });
    expect(a.status).toBe('passed');
    expect(viaCargo.lines).toContain(
      'uploads: cargo publish --no-verify (CARGO_REGISTRIES_LOCAL_TOKEN is not set (cargo finds its token itself))',
    );

    const direct = await micromegas(100);
    const b = await runPublishQueue(direct.context(), { index: indexFor(direct.plan), api: apiFor(direct.plan) });
    expect(b.status).toBe('passed');
    expect(direct.lines).toContain(
      `uploads: 12 verified .crate files straight to ${direct.reg.url}/api/v1/crates/new (token from CARGO_REGISTRIES_LOCAL_TOKEN)`,
    );
    expect(
      direct.lines.filter((l) => /^\s*Uploaded micromegas-tracing v0\.15\.0 to registry `local`$/.test(l)),
    ).toHaveLength(1);
    expect(direct.lines.join('\n')).not.toContain(TOKEN);
    expect(duplicateUploads(direct.reg)).toEqual([]);
    for (const name of MICROMEGAS_CRATES) expectSameUpload(viaCargo.reg, direct.reg, name, '0.15.0');
  });

  it('a crate with every dependency shape and package field: same metadata, index line and .crate bytes', async () => {
    const [a, b, other] = await Promise.all([
      startRegistry({ token: TOKEN }),
      startRegistry({ token: TOKEN }),
      startRegistry({}),
    ]);
    const dir = writeShapesCrate();
    const target = mkdtempSync(join(tmpdir(), 'rc-shapes-target-'));
    const envA = makeCargoEnv({ registryIndexUrl: a.indexUrl, token: TOKEN, targetDir: target });
    const envB = makeCargoEnv({ registryIndexUrl: b.indexUrl, token: TOKEN, targetDir: target });
    cleanups.push(async () => {
      await Promise.all([a.close(), b.close(), other.close()]);
      for (const d of [dir, target, envA.cargoHome, envB.cargoHome]) rmSync(d, { recursive: true, force: true });
    });
    for (const e of [envA, envB])
      appendFileSync(join(e.cargoHome, 'config.toml'), `\n[registries.other]\nindex = "${other.indexUrl}"\n`);
    seedShapeDeps(a, other);
    seedShapeDeps(b, other);

    const published = await exec(['cargo', 'publish', '--no-verify', '--allow-dirty'], { cwd: dir, env: envA.env });
    expect(published.exitCode, published.tail.join('\n')).toBe(0);

    // The queue's way: the package verify-first makes, its metadata, the API request.
    const packaged = await exec(['cargo', 'package', '--no-verify', '--allow-dirty'], { cwd: dir, env: envB.env });
    expect(packaged.exitCode, packaged.tail.join('\n')).toBe(0);
    const [crate] = await unpackCrates(target, [SHAPES], join(target, 'unpacked'), {});
    const meta = publishMetadata(crate!.manifest, crate!.readme, {
      name: 'local',
      cratesIo: false,
      indexUrl: b.indexUrl,
    });
    if (!meta.ok) throw new Error(meta.reason);
    const apiRoot = await createRegistryApi({ indexUrl: b.indexUrl, timeoutMs: 5000 }).apiRoot();
    const res = await putCrate({
      apiRoot: apiRoot!,
      token: TOKEN,
      json: meta.json,
      crate: crate!.crate,
      signal: new AbortController().signal,
      timeoutMs: 30_000,
    });
    expect(res).toMatchObject({ kind: 'answer', status: 200 });
    expectSameUpload(a, b, SHAPES.name, SHAPES.version);
  });
});
