import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import { getStepHandler } from '../../src/engine/step-registry.js';
import { summaryTracker } from '../../src/engine/steps/run.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan } from '../helpers/make-plan.js';

const repos: TempRepo[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const r of repos.splice(0)) r.cleanup();
});

async function runOne(
  step: Record<string, unknown>,
  opts: { env?: Record<string, string>; secrets?: string[]; yes?: boolean } = {},
) {
  const repo = makeGitRepo();
  repos.push(repo);
  repo.write('sub/marker.txt', 'here');
  repo.git('add', '-A'); // committed: an irreversible step runs only from a clean tree
  repo.git('-c', 'commit.gpgsign=false', 'commit', '-qm', 'initial');
  const plan = makePlan({
    repo: repo.dir,
    secrets: opts.secrets,
    phases: [{ id: 'checks', steps: [{ id: 's', kind: 'run', ...step } as never] }],
  });
  const engine = await openEngine({
    repo: repo.dir,
    plan,
    env: { PATH: process.env.PATH, ...opts.env },
    yes: opts.yes,
  });
  engines.push(engine);
  const lines: string[] = [];
  engine.onOutput((_id, l) => lines.push(`${l.stream}: ${l.text}`));
  const result = await engine.runToEnd();
  const state = engine.store.getState().steps.s!;
  const log = () => readFileSync(join(engine.stateDir, 'logs', 's.log'), 'utf8');
  return { result, state, lines, log, engine, repo };
}

describe('run step', () => {
  it('passes on exit 0 and takes the summary from the last matching line (group 1)', async () => {
    const js =
      "console.log('running 3 tests'); console.log('test result: ok. 137 passed; 0 failed'); console.log('done')";
    const r = await runOne({ run: ['node', '-e', js], summary: 'ok\\. (\\d+ passed)' });
    expect(r.result).toBe('done');
    expect(r.state).toMatchObject({ status: 'passed', summary: '137 passed' });
    expect(r.lines).toContain('stdout: test result: ok. 137 passed; 0 failed');
    expect(r.log()).toContain('[out] test result: ok. 137 passed; 0 failed');
  });

  it('fails on a non-zero exit with the exit code', async () => {
    const r = await runOne({ run: ['node', '-e', "console.error('boom'); process.exit(3)"] });
    expect(r.result).toBe('failed');
    expect(r.state).toMatchObject({ status: 'failed', exitCode: 3, reason: 'node exited with code 3' });
    expect(r.log()).toContain('[err] boom');
  });

  it('reports a missing program with a hint', async () => {
    const r = await runOne({ run: ['cargo-that-does-not-exist', 'test'] });
    expect(r.state.status).toBe('failed');
    expect(r.state.reason).toMatch(/^cargo-that-does-not-exist: command not found on PATH; .*install/);
  });

  it('runs in the repo-relative cwd with the step env merged over the process env', async () => {
    const js =
      "console.log(require('fs').readFileSync('marker.txt','utf8') + ' ' + process.env.STEP_VAR + ' ' + process.env.BASE_VAR)";
    const r = await runOne(
      { run: ['node', '-e', js], cwd: 'sub', env: { STEP_VAR: 'step' } },
      { env: { BASE_VAR: 'base' } },
    );
    expect(r.lines).toContain('stdout: here step base');
  });

  it('times out', async () => {
    const r = await runOne({ run: ['node', '-e', 'setTimeout(() => {}, 30000)'], timeoutSeconds: 0.3 });
    expect(r.state.status).toBe('failed');
    expect(r.state.reason).toMatch(/timed out/);
  });

  it("the log has the command's output and exec's timeout notice, in order", async () => {
    const r = await runOne({
      run: ['node', '-e', "console.log('started'); console.error('warming up'); setTimeout(() => {}, 30000)"],
      // Long enough for node to start and print on a loaded machine (1 s was not, under load 16).
      timeoutSeconds: 5,
    });
    expect(r.state.status).toBe('failed');
    const log = r.log();
    const at = (s: string): number => log.indexOf(s);
    expect(at('[out] started')).toBeGreaterThan(-1);
    expect(at('[err] warming up')).toBeGreaterThan(-1);
    expect(at('[info] timed out after 5 s: sending SIGINT')).toBeGreaterThan(
      Math.max(at('[out] started'), at('[err] warming up')),
    );
  });

  it('masks secrets in the output buffer and the log', async () => {
    const r = await runOne(
      { run: ['node', '-e', 'console.log("token=" + process.env.MY_API_TOKEN + " deploy=" + process.env.DEPLOY_KEY)'] },
      {
        env: { MY_API_TOKEN: 'tok-123456789', DEPLOY_KEY: 'key-abcdefgh' },
        secrets: ['DEPLOY_KEY'],
      },
    );
    expect(r.lines.join('\n')).not.toMatch(/tok-123456789|key-abcdefgh/);
    expect(r.log()).not.toMatch(/tok-123456789|key-abcdefgh/);
    expect(r.lines).toContain('stdout: token=*** deploy=***');
  });

  it("masks a secret set in a step's own env (by name pattern or `secrets`) in output, log, reason and state file", async () => {
    const js =
      'console.log("deploy " + process.env.DEPLOY_TOKEN + " key " + process.env.SIGNING); console.error("failed with " + process.env.DEPLOY_TOKEN); process.exit(1)';
    const r = await runOne(
      { run: ['node', '-e', js], env: { DEPLOY_TOKEN: 'dt-0123456789', SIGNING: 'sig-abcdefgh' } },
      { secrets: ['SIGNING'] },
    );
    expect(r.lines).toContain('stdout: deploy *** key ***');
    const everything = [
      r.lines.join('\n'),
      r.log(),
      JSON.stringify(r.state),
      readFileSync(join(r.engine.stateDir, 'state.json'), 'utf8'),
    ].join('\n');
    expect(everything).not.toMatch(/dt-0123456789|sig-abcdefgh/);
  });

  it('an irreversible run step journals intent, its child process and done around the command', async () => {
    const r = await runOne({ run: ['node', '-e', '0'], irreversible: true }, { yes: true });
    expect(r.result).toBe('done');
    expect(r.engine.journal.entries().map((e) => `${e.type} ${e.action} ${e.target}`)).toEqual([
      'intent run node -e 0',
      'child run node -e 0',
      'done run node -e 0',
    ]);
  });

  it('an irreversible run step that fails is journalled as failed', async () => {
    const r = await runOne({ run: ['node', '-e', 'process.exit(2)'], irreversible: true }, { yes: true });
    expect(r.state.status).toBe('failed');
    expect(r.engine.journal.entries().map((e) => e.type)).toEqual(['intent', 'child', 'failed']);
    expect(r.engine.journal.openIntents()).toEqual([]);
  });

  it('is registered, and describes its command for confirmations', () => {
    const h = getStepHandler('run')!;
    const plan = makePlan({
      phases: [{ id: 'p', steps: [{ id: 'x', kind: 'run', run: ['git', 'push'], irreversible: true }] }],
    });
    const step = plan.phases[0]!.steps[0]!;
    expect(step.irreversible).toBe(true);
    expect(h.commands!(step, plan)).toEqual([['git', 'push']]);
  });

  it("summaryTracker in 'sum' mode totals cargo's per-crate test results", () => {
    const t = summaryTracker('test result: ok\\. (\\d+ passed)', 'sum');
    for (const n of [0, 12, 0, 125, 0])
      t.onLine({ stream: 'stdout', text: `test result: ok. ${n} passed; 0 failed; 0 ignored` });
    expect(t.value()).toBe('137 passed');
    expect(summaryTracker('(\\d+ passed)', 'sum').value()).toBeUndefined();
  });

  it('summaryTracker uses the whole match without a group and ignores info lines', () => {
    const t = summaryTracker('\\d+ passed');
    t.onLine({ stream: 'stdout', text: '3 passed' });
    t.onLine({ stream: 'info', text: '9 passed' });
    expect(t.value()).toBe('3 passed');
  });

  it('checks `produces` after it passes: a build that exits 0 without an artifact fails naming it', async () => {
    const build =
      "const fs = require('fs'); fs.mkdirSync('dist/img', { recursive: true }); fs.writeFileSync('dist/plugin.json', '{}'); fs.writeFileSync('dist/img/logo.svg', '')";
    const ok = await runOne({
      run: ['node', '-e', build],
      cwd: 'sub',
      produces: ['sub/dist/plugin.json', 'sub/dist/**/*.svg'],
    });
    expect(ok.state).toMatchObject({ status: 'passed' });
    expect(ok.lines).toContain('info: produced sub/dist/**/*.svg: sub/dist/img/logo.svg');
    const missing = await runOne({
      run: ['node', '-e', build],
      cwd: 'sub',
      produces: ['sub/dist/plugin.json', 'sub/dist/module.js', 'sub/dist/*.map'],
    });
    expect(missing.state).toMatchObject({
      status: 'failed',
      reason: `\`node -e ${build}\` exited 0 but did not produce sub/dist/module.js, sub/dist/*.map (its \`produces\`)`,
    });
  });
});
