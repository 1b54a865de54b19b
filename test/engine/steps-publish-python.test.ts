// publish-python against a loopback PyPI, with the poetry stand-in on PATH recording its argv.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishPythonStep } from '../../src/engine/steps/publish-python.js';
import { uploadDistribution, type PypiServer } from '../../src/sandbox/pypi-server.js';
import { readStandInLog, standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { makePlan } from '../helpers/make-plan.js';
import { usePypiServer } from '../helpers/pypi-server.js';
import { makeStepContext, type StepHarnessOptions } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-python-');
const pypi = usePypiServer();

function setup(server: PypiServer, step: Record<string, unknown> = {}, env: Record<string, string> = {}) {
  const repo = tempDir();
  mkdirSync(join(repo, 'python', 'micromegas'), { recursive: true });
  writeFileSync(
    join(repo, 'python', 'micromegas', 'pyproject.toml'),
    '[tool.poetry]\nname = "micromegas"\nversion = "0.15.0"\n',
  );
  const log = join(tempDir(), 'calls.jsonl');
  const plan = makePlan({
    repo,
    project: 'Micromegas',
    version: '0.15.0',
    phases: [
      {
        id: 'python',
        steps: [
          {
            id: 'pypi',
            kind: 'publish-python',
            cwd: 'python/micromegas',
            package: 'micromegas',
            index: server.index,
            check: [],
            ...step,
          },
        ],
      },
    ],
  });
  const harness = (o: Partial<StepHarnessOptions> = {}) =>
    makeStepContext(plan, 'pypi', {
      repo,
      stateDir: join(repo, '.state'),
      env: { ...standInEnv({ log, pypiUploadUrl: server.uploadUrl }), ...env },
      yes: true,
      ...o,
    });
  const calls = () => readStandInLog(log).map((c) => c.argv.join(' '));
  return { repo, plan, harness, calls };
}

/** A previous attempt's upload that reached the index (the run was killed before `done`). */
async function uploadBehindOurBack(server: PypiServer) {
  for (const filename of ['micromegas-0.15.0-py3-none-any.whl', 'micromegas-0.15.0.tar.gz']) {
    await uploadDistribution(server.uploadUrl, {
      name: 'micromegas',
      version: '0.15.0',
      filename,
      data: Buffer.from(`an earlier build of ${filename}`),
    });
  }
}

describe('publish-python step', () => {
  it('is skipped when the index already has the version, without building', async () => {
    const server = await pypi({ packages: { micromegas: ['0.15.0'] } });
    const { harness, calls } = setup(server);
    const h = harness();
    expect(await publishPythonStep.run(h.ctx)).toEqual({
      status: 'skipped',
      reason: `micromegas 0.15.0 is already on 127.0.0.1:${new URL(server.url).port}`,
    });
    expect(calls()).toEqual([]);
    expect(h.journal.entries()).toEqual([]);
  });

  it('builds, journals intent/done around the upload, and polls the index until it shows', async () => {
    const server = await pypi({ hiddenReads: 2 });
    const { harness, calls } = setup(server);
    const h = harness();
    const out = await publishPythonStep.run(h.ctx);
    expect(out).toEqual({
      status: 'passed',
      summary: `micromegas 0.15.0 published on 127.0.0.1:${new URL(server.url).port}`,
    });
    expect(calls()).toEqual(['build', 'publish']);
    expect(server.uploads.get('micromegas@0.15.0')).toBe(2);
    expect(h.journal.entries().map((e) => `${e.type} ${e.action} ${e.target}`)).toEqual([
      'intent publish-python micromegas@0.15.0',
      'child publish-python micromegas@0.15.0',
      'done publish-python micromegas@0.15.0',
    ]);
    expect(h.sleeps).toEqual([3000, 3000]);
    expect(h.lines.some((l) => l.text.includes('Publishing micromegas (0.15.0) to PyPI'))).toBe(true);
  });

  it('publishes to the test index first and checks it there', async () => {
    const test = await pypi();
    const server = await pypi();
    const { harness, calls } = setup(
      server,
      { testIndex: { publish: ['poetry', 'publish', '-r', 'testpypi'], index: test.index } },
      { POETRY_REPOSITORIES_TESTPYPI_URL: test.uploadUrl },
    );
    const h = harness();
    expect((await publishPythonStep.run(h.ctx)).status).toBe('passed');
    expect(calls()).toEqual(['build', 'publish -r testpypi', 'publish']);
    expect(test.uploads.get('micromegas@0.15.0')).toBe(2);
    expect(server.uploads.get('micromegas@0.15.0')).toBe(2);
    expect(
      h.journal
        .entries()
        .filter((e) => e.type === 'done')
        .map((e) => e.target),
    ).toEqual(['micromegas@0.15.0 (test index)', 'micromegas@0.15.0']);
    expect(h.logs()).toContain(`rehearsal: micromegas 0.15.0 published on 127.0.0.1:${new URL(test.url).port}`);
  });

  it('takes "File already exists" as done when the index lists the version (an earlier attempt got there)', async () => {
    const server = await pypi({ hiddenReads: 1 });
    await uploadBehindOurBack(server);
    const { harness, calls } = setup(server);
    const h = harness();
    const out = await publishPythonStep.run(h.ctx);
    expect(out).toEqual({
      status: 'passed',
      summary: `micromegas 0.15.0 was already uploaded to 127.0.0.1:${new URL(server.url).port}`,
    });
    expect(calls()).toEqual(['build', 'publish']);
    expect(server.uploads.get('micromegas@0.15.0')).toBe(2);
    expect(h.journal.entries().at(-1)?.type).toBe('done');
  });

  it("fails with the index's own words, journaling the failure", async () => {
    const server = await pypi();
    const { harness } = setup(server, {}, { STANDIN_POETRY_FAIL: 'auth' });
    const h = harness();
    const out = await publishPythonStep.run(h.ctx);
    expect(out).toEqual({
      status: 'failed',
      reason:
        'poetry exited with code 1: HTTP Error 403: Invalid or non-existent authentication information. See https://pypi.org/help/#invalid-auth for more information.',
    });
    expect(h.journal.entries().map((e) => e.type)).toEqual(['intent', 'child', 'failed']);
  });

  it('stops at a failed build before any upload', async () => {
    const server = await pypi();
    const { harness, calls } = setup(server, {}, { STANDIN_POETRY_FAIL: 'build' });
    const out = await publishPythonStep.run(harness().ctx);
    expect(out).toMatchObject({
      status: 'failed',
      reason:
        'the build failed: poetry exited with code 1: Backend subprocess exited when trying to invoke build_wheel',
      exitCode: 1,
    });
    expect(calls()).toEqual(['build']);
  });

  it('refuses a wheel whose version is not the release version before any upload, naming both', async () => {
    const server = await pypi();
    const { repo, harness, calls } = setup(server);
    writeFileSync(
      join(repo, 'python', 'micromegas', 'pyproject.toml'),
      '[tool.poetry]\nname = "micromegas"\nversion = "0.14.0"\n',
    );
    const h = harness();
    expect(await publishPythonStep.run(h.ctx)).toEqual({
      status: 'failed',
      reason:
        'the build made micromegas-0.14.0-py3-none-any.whl (version 0.14.0) but the release is 0.15.0: set the version in python/micromegas/pyproject.toml to 0.15.0 (release-cockpit bump --to 0.15.0); nothing was uploaded',
    });
    expect(calls()).toEqual(['build']);
    expect(h.journal.entries()).toEqual([]);
    expect(server.uploads.size).toBe(0);
  });

  it('fails when an upload never shows, and when the index cannot be asked', async () => {
    const server = await pypi({ hiddenReads: 100 });
    const { harness } = setup(server);
    expect(await publishPythonStep.run(harness().ctx)).toEqual({
      status: 'failed',
      reason: `micromegas 0.15.0 was uploaded but 127.0.0.1:${new URL(server.url).port} does not list it after 27 s; check ${server.index} and retry (the index is asked again first)`,
    });
    const down = await pypi();
    await down.close();
    const { harness: h2 } = setup(down);
    const out = await publishPythonStep.run(h2().ctx);
    expect(out.status === 'failed' && out.reason).toMatch(
      /^could not ask 127\.0\.0\.1:\d+ about micromegas 0\.15\.0: .* could not be reached/,
    );
  });

  it('reconciles an open intent against the index', async () => {
    const server = await pypi();
    const { harness } = setup(server);
    const h = harness();
    const intent = h.journal.append({
      type: 'intent',
      action: 'publish-python',
      target: 'micromegas@0.15.0',
      step: 'pypi',
    });
    expect(await publishPythonStep.reconcile?.(h.ctx, intent)).toBe('not-done');
    await uploadBehindOurBack(server);
    expect(await publishPythonStep.reconcile?.(h.ctx, intent)).toBe('done');
    server.setFaults({ status: 503, times: 1 });
    expect(await publishPythonStep.reconcile?.(h.ctx, intent)).toBe('unknown');
  });

  it('lists its commands for the confirmation', async () => {
    const server = await pypi();
    const { plan } = setup(server, {
      testIndex: { publish: ['poetry', 'publish', '-r', 'testpypi'], index: server.index },
    });
    expect(publishPythonStep.commands?.(plan.phases[0]!.steps[0]!, plan)).toEqual([
      ['poetry', 'build'],
      ['poetry', 'publish', '-r', 'testpypi'],
      ['poetry', 'publish'],
    ]);
    expect(plan.phases[0]!.steps[0]!.irreversible).toBe(true);
  });

  it('its confirmation names the index it uploads to (and the rehearsal on the test index), each command in its directory', async () => {
    const server = await pypi();
    const { harness } = setup(server, {
      testIndex: { publish: ['poetry', 'publish', '-r', 'testpypi'], index: server.index },
    });
    const host = new URL(server.index).host;
    const req = await publishPythonStep.confirmation!(harness().ctx);
    expect(req).toEqual({
      title: expect.any(String),
      heading: `It will upload micromegas 0.15.0 to ${host} (${server.index}):`,
      commands: [
        ['poetry', 'build'],
        ['poetry', 'publish', '-r', 'testpypi'],
        ['poetry', 'publish'],
      ],
      cwds: ['python/micromegas', 'python/micromegas', 'python/micromegas'],
      details: [`First a rehearsal on the test index ${host} (${server.index}).`],
    });
    // Already there: nothing to upload, and the confirmation says so instead of listing uploads.
    await uploadBehindOurBack(server);
    const there = await publishPythonStep.confirmation!(harness().ctx);
    expect(there.heading).toBe(`micromegas 0.15.0 is already on ${host}: the step will only check it (no upload).`);
    expect(there.commands).toEqual([]);
  });
});
