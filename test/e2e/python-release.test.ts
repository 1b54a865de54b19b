// The Python half of a release with the real tools: `poetry build` (a real sdist and wheel),
// `twine check`, `poetry publish -r local` to the loopback PyPI (repository through Poetry's
// configuration variables, token through env), then the published wheel installed into a fresh
// venv from the loopback simple index and imported. Skipped, with a notice, without Poetry.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandExists } from '../../src/adapters/exec.js';
import { publishPythonStep } from '../../src/engine/steps/publish-python.js';
import { verifyPythonInstallStep } from '../../src/engine/steps/verify-python-install.js';
import { demoPythonFiles } from '../../src/sandbox/demo-python-files.js';
import { prepareDemoTools } from '../../src/sandbox/demo-tools.js';
import { makePlan } from '../helpers/make-plan.js';
import { usePypiServer } from '../helpers/pypi-server.js';
import { makeStepContext } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-python-e2e-');
const pypi = usePypiServer();

type Server = Awaited<ReturnType<typeof pypi>>;

/** The demo's Python package in a fresh repository, and an env whose Poetry uploads to `server` with `token`. */
function demoPythonRepo(server: Server, token: string): { repo: string; env: NodeJS.ProcessEnv } {
  const repo = tempDir();
  for (const [rel, text] of demoPythonFiles('0.15.0')) {
    mkdirSync(dirname(join(repo, rel)), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
  const tools = prepareDemoTools({ root: tempDir(), uploadUrl: server.uploadUrl, token });
  return { repo, env: { ...process.env, ...tools.env } };
}

/** The step publishing the demo package to `server` with Poetry. */
function publishStep(server: Server, extra: Record<string, unknown> = {}) {
  return {
    id: 'publish',
    kind: 'publish-python' as const,
    cwd: 'python/micromegas',
    package: 'micromegas',
    index: server.index,
    publish: ['poetry', 'publish', '-r', 'local'],
    ...extra,
  };
}
const havePoetry = commandExists('poetry');
if (!havePoetry)
  console.warn('notice: poetry is not installed; the real Python release e2e is skipped (.ci/run installs it)');

describe.skipIf(!havePoetry)('Python release with real Poetry, twine and pip', () => {
  it('publishes the demo package to the loopback PyPI and installs the wheel into a fresh venv', async () => {
    const server = await pypi({ token: 'pypi-e2e-secret' });
    const { repo, env } = demoPythonRepo(server, 'pypi-e2e-secret');
    const plan = makePlan({
      repo,
      version: '0.15.0',
      phases: [
        {
          id: 'python',
          steps: [
            publishStep(server),
            {
              id: 'install',
              kind: 'verify-python-install',
              package: 'micromegas',
              index: server.simple,
              intervalSeconds: 1,
            },
          ],
        },
      ],
    });
    const published = makeStepContext(plan, 'publish', { repo, stateDir: join(repo, '.state'), env, yes: true });
    const out = await publishPythonStep.run(published.ctx);
    expect(out, published.lines.map((l) => l.text).join('\n')).toEqual({
      status: 'passed',
      summary: `micromegas 0.15.0 published on 127.0.0.1:${new URL(server.url).port}`,
    });
    const text = published.lines.map((l) => l.text);
    expect(text).toContain('built: micromegas-0.15.0-py3-none-any.whl, micromegas-0.15.0.tar.gz');
    if (commandExists('twine')) expect(text).toContain('Checking dist/micromegas-0.15.0-py3-none-any.whl: PASSED');
    expect(server.uploads.get('micromegas@0.15.0')).toBe(2);

    const installed = makeStepContext(plan, 'install', { repo, stateDir: join(repo, '.state'), env });
    const check = await verifyPythonInstallStep.run(installed.ctx);
    expect(check, installed.lines.map((l) => l.text).join('\n')).toEqual({
      status: 'passed',
      summary: `micromegas==0.15.0 installed from 127.0.0.1:${new URL(server.url).port} and imported`,
    });
    expect(installed.lines.some((l) => /^imported micromegas 0\.15\.0 from .*site-packages/.test(l.text))).toBe(true);
  }, 300_000);

  it("fails a refused upload with the index's reason in one sentence, resumable", async () => {
    const server = await pypi({ token: 'pypi-right' });
    const { repo, env } = demoPythonRepo(server, 'pypi-wrong');
    const plan = makePlan({
      repo,
      version: '0.15.0',
      phases: [{ id: 'python', steps: [publishStep(server, { check: [] })] }],
    });
    const h = makeStepContext(plan, 'publish', { repo, stateDir: join(repo, '.state'), env, yes: true });
    expect(await publishPythonStep.run(h.ctx)).toEqual({
      status: 'failed',
      reason:
        'poetry exited with code 1: HTTP Error 403: Invalid or non-existent authentication information. See https://pypi.org/help/#invalid-auth for more information.',
    });
    expect(h.journal.entries().map((e) => e.type)).toEqual(['intent', 'child', 'failed']);
    expect(server.uploads.size).toBe(0);
  }, 120_000);
});
