// verify-python-install for real: python3 -m venv, pip install from the loopback PyPI's simple
// index (a wheel made here with Python's zipfile), the import check, the venv removed after.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPythonInstallStep } from '../../src/engine/steps/verify-python-install.js';
import { uploadDistribution, type PypiServer } from '../../src/sandbox/pypi-server.js';
import { makePlan } from '../helpers/make-plan.js';
import { usePypiServer } from '../helpers/pypi-server.js';
import { makeStepContext } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-verify-py-');
const pypi = usePypiServer();

/** A minimal valid wheel of package `mmdemo` (module `mmdemo` with __version__). */
function makeWheel(dir: string, version: string): { filename: string; data: Buffer } {
  const filename = `mmdemo-${version}-py3-none-any.whl`;
  const script = `
import sys, zipfile
path, version = sys.argv[1], sys.argv[2]
info = f"mmdemo-{version}.dist-info"
files = {
    "mmdemo/__init__.py": f'__version__ = "{version}"\\n',
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: mmdemo\\nVersion: {version}\\n",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
files[f"{info}/RECORD"] = "".join(f"{name},,\\n" for name in files) + f"{info}/RECORD,,\\n"
with zipfile.ZipFile(path, "w") as z:
    for name, text in files.items():
        z.writestr(name, text)
`;
  const path = join(dir, filename);
  execFileSync('python3', ['-c', script, path, version]);
  return { filename, data: readFileSync(path) };
}

async function publishWheel(server: PypiServer, version: string): Promise<void> {
  const wheel = makeWheel(tempDir(), version);
  const r = await uploadDistribution(server.uploadUrl, { name: 'mmdemo', version, ...wheel });
  expect(r.status).toBe(200);
}

function harness(server: PypiServer, step: Record<string, unknown> = {}) {
  const repo = tempDir();
  const plan = makePlan({
    repo,
    version: '1.2.0',
    phases: [
      {
        id: 'python',
        steps: [
          {
            id: 'pip',
            kind: 'verify-python-install',
            package: 'mmdemo',
            index: server.simple,
            attempts: 3,
            intervalSeconds: 2,
            ...step,
          },
        ],
      },
    ],
  });
  return makeStepContext(plan, 'pip', { repo, stateDir: join(repo, '.state') });
}

describe('verify-python-install step', () => {
  it('installs PACKAGE==VERSION into a fresh venv once the index serves it, imports it, and removes the venv', async () => {
    const server = await pypi({ hiddenReads: 1 });
    await publishWheel(server, '1.2.0');
    const h = harness(server);
    const out = await verifyPythonInstallStep.run(h.ctx);
    expect(out).toEqual({
      status: 'passed',
      summary: `mmdemo==1.2.0 installed from 127.0.0.1:${new URL(server.url).port} and imported (attempt 2)`,
    });
    expect(h.sleeps).toEqual([2000]);
    const text = h.lines.map((l) => l.text);
    expect(text).toContain(
      `127.0.0.1:${new URL(server.url).port} does not serve mmdemo==1.2.0 yet (attempt 1 of 3); asking again in 2 s`,
    );
    expect(text.some((l) => /Successfully installed mmdemo-1\.2\.0/.test(l))).toBe(true);
    const imported = text.find((l) => l.startsWith('imported mmdemo 1.2.0 from '));
    expect(imported).toBeDefined();
    const venv = (text.find((l) => l.startsWith('fresh venv: ')) ?? '').slice('fresh venv: '.length);
    expect(imported).toContain(venv);
    expect(existsSync(venv)).toBe(false);
  }, 180_000);

  it('fails naming the index when the version never shows, and when the import check fails', async () => {
    const server = await pypi();
    await publishWheel(server, '1.1.0');
    const absent = harness(server, { attempts: 2, intervalSeconds: 0 });
    expect(await verifyPythonInstallStep.run(absent.ctx)).toEqual({
      status: 'failed',
      reason: `127.0.0.1:${new URL(server.url).port} served no mmdemo==1.2.0 after 2 attempts (0 s apart): check that it was published, then retry`,
    });
    await publishWheel(server, '1.2.0');
    const badImport = harness(server, { importCheck: ['python', '-c', 'import mmdemo.missing'] });
    const out = await verifyPythonInstallStep.run(badImport.ctx);
    expect(out).toMatchObject({ status: 'failed' });
    expect((out as { reason: string }).reason).toMatch(
      /^mmdemo==1\.2\.0 installed, but the import check failed: python exited with code 1: ModuleNotFoundError: No module named 'mmdemo.missing'/,
    );
  }, 240_000);

  it('lists what it runs, and only prints it in a dry run', async () => {
    const server = await pypi();
    const h = harness(server);
    const cmds = verifyPythonInstallStep.commands?.(h.ctx.step, h.ctx.plan) ?? [];
    expect(cmds[0]).toEqual(['python3', '-m', 'venv', '<temp venv>']);
    expect(cmds[1]).toEqual([
      '<temp venv>/bin/pip',
      'install',
      '--no-cache-dir',
      '--index-url',
      server.simple,
      'mmdemo==1.2.0',
    ]);
    expect(h.ctx.step.irreversible).toBe(false);
    const dry = makeStepContext(h.ctx.plan, 'pip', { repo: h.ctx.repo, stateDir: h.ctx.stateDir, dryRun: true });
    expect(await verifyPythonInstallStep.run(dry.ctx)).toEqual({
      status: 'skipped',
      reason: 'dry run: nothing was published to install',
    });
  });
});
