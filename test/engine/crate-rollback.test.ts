// Yank / unyank with real cargo against the loopback registry, confirmed on the index.
import { afterEach, describe, expect, it } from 'vitest';
import { exec } from '../../src/adapters/exec.js';
import { registryStatus, yankCrates, type CrateRollbackDeps } from '../../src/engine/crate-rollback.js';
import { recordChild } from '../../src/engine/orphans.js';
import type { RunnerDeps } from '../../src/engine/runner-types.js';
import { verdictOf } from '../../src/engine/runner-asks.js';
import { runPublishQueue } from '../../src/engine/publish-queue.js';
import { createQueueControls } from '../../src/engine/queue-controls.js';
import { indexFor } from '../../src/engine/steps/publish-crates.js';
import type { ConfirmRequest, StepContext } from '../../src/engine/step-types.js';
import { sharedTargetDir, startHarness, type Harness } from '../sandbox/queue-harness.js';

const targetDir = sharedTargetDir('crate-rollback');
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function published(): Promise<Harness> {
  // Only tiny-base and tiny-solo: the rollback is the point, not the queue.
  const h = await startHarness({ targetDir, crates: { publish: ['tiny-base', 'tiny-solo'] } });
  harnesses.push(h);
  const out = await runPublishQueue(h.context(), { index: indexFor(h.plan), pollMs: () => 50 });
  expect(out.status).toBe('passed');
  return h;
}

function deps(h: Harness, ctx: StepContext = h.context()): CrateRollbackDeps {
  return { plan: h.plan, store: h.store, index: indexFor(h.plan), ctx, pollMs: 50 };
}

async function onIndex(h: Harness, name: string): Promise<string> {
  return indexFor(h.plan).status(name, '0.1.0');
}

describe('crate rollback', () => {
  it('yanks a crate this release published, then unyanks it; the index confirms each', async () => {
    const h = await published();
    const [y] = await yankCrates(deps(h), ['tiny-base']);
    expect(y).toEqual({ target: 'tiny-base@0.1.0', ok: true, message: 'yanked tiny-base@0.1.0' });
    expect(await onIndex(h, 'tiny-base')).toBe('yanked');
    expect(h.store.getState().crates['tiny-base']?.yanked).toBe(true);
    expect(h.lines.some((l) => l.includes('Yank tiny-base@0.1.0'))).toBe(true);

    const [u] = await yankCrates(deps(h), ['tiny-base'], { undo: true });
    expect(u?.ok).toBe(true);
    expect(await onIndex(h, 'tiny-base')).toBe('published');
    expect(h.store.getState().crates['tiny-base']?.yanked).toBe(false);

    const entries = h.journal.entries().filter((e) => e.action === 'yank-crate' || e.action === 'unyank-crate');
    expect(entries.map((e) => `${e.action} ${e.type}`)).toEqual([
      'yank-crate intent',
      'yank-crate child',
      'yank-crate done',
      'unyank-crate intent',
      'unyank-crate child',
      'unyank-crate done',
    ]);
    expect(entries[0]?.detail).toBe('cargo yank --version 0.1.0 tiny-base');
    expect(entries[1]).toMatchObject({ id: entries[0]?.id, pid: expect.any(Number) as number });
    expect(entries[3]?.detail).toBe('cargo yank --undo --version 0.1.0 tiny-base');
  });

  it('asks once for a batch, with every command (and the version typed for a yank)', async () => {
    const h = await published();
    const asked: ConfirmRequest[] = [];
    const answering = (yes: boolean): StepContext => ({
      ...h.context(),
      confirm: async (req) => (asked.push(req), yes),
    });
    const results = await yankCrates(deps(h, answering(true)), ['tiny-base', 'tiny-solo', 'nope']);
    expect(asked).toEqual([
      {
        title: 'Yank 2 crates at 0.1.0',
        commands: [0, 1].map((i) =>
          h.plan.config.crates.yankCommand.map((a) =>
            a.replace('{crate}', ['tiny-base', 'tiny-solo'][i]!).replace('{version}', '0.1.0'),
          ),
        ),
        details: expect.any(Array),
        typed: '0.1.0',
        undo: 'unyank: u in the rollback menu (or release-cockpit rollback --unyank NAME)',
      },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    asked.length = 0;
    const declined = await yankCrates(deps(h, answering(false)), ['tiny-base', 'tiny-solo'], { undo: true });
    expect(asked.map((r) => [r.title, r.typed, r.commands[0]?.includes('--undo')])).toEqual([
      ['Unyank 2 crates at 0.1.0', undefined, true],
    ]);
    expect(declined.map((r) => r.message)).toEqual([
      'not confirmed; nothing was done',
      'not confirmed; nothing was done',
    ]);
    expect(await onIndex(h, 'tiny-base')).toBe('yanked');
  });

  it('refuses a version this release did not publish unless forced', async () => {
    const h = await startHarness({ targetDir, crates: { publish: ['tiny-base', 'tiny-solo'] } });
    harnesses.push(h);
    await h.publishByHand('tiny-solo');
    const [refused] = await yankCrates(deps(h), ['tiny-solo']);
    expect(refused).toEqual({
      target: 'tiny-solo@0.1.0',
      ok: false,
      message: 'refused: this release did not publish tiny-solo@0.1.0 (use --force to yank it anyway)',
    });
    expect(await onIndex(h, 'tiny-solo')).toBe('published');
    expect(h.journal.entries()).toEqual([]);

    const [forced] = await yankCrates(deps(h), ['tiny-solo'], { force: true });
    expect(forced?.ok).toBe(true);
    expect(await onIndex(h, 'tiny-solo')).toBe('yanked');

    // Unyank asks for the same --force: the release still did not publish it.
    const [kept] = await yankCrates(deps(h), ['tiny-solo'], { undo: true });
    expect(kept?.message).toBe(
      'refused: this release did not publish tiny-solo@0.1.0 (use --force to unyank it anyway)',
    );
    expect(await onIndex(h, 'tiny-solo')).toBe('yanked');
    const [unyanked] = await yankCrates(deps(h), ['tiny-solo'], { undo: true, force: true });
    expect(unyanked?.ok).toBe(true);
    expect(await onIndex(h, 'tiny-solo')).toBe('published');
  });

  it('reports what the index says for each crate of the release that is on it', async () => {
    const h = await startHarness({ targetDir, crates: { publish: ['tiny-base', 'tiny-solo', 'tiny-mid'] } });
    harnesses.push(h);
    // tiny-mid is never published: it has nothing to roll back and is not listed.
    createQueueControls(h.store, Date.now).skipCrate('tiny-mid', 'not this time');
    expect((await runPublishQueue(h.context(), { index: indexFor(h.plan), pollMs: () => 50 })).status).toBe('passed');
    await yankCrates(deps(h), ['tiny-solo']);
    const status = await registryStatus(deps(h));
    expect(status).toEqual([
      { name: 'tiny-base', version: '0.1.0', onIndex: 'published', publishedByThisRelease: true },
      { name: 'tiny-solo', version: '0.1.0', onIndex: 'yanked', publishedByThisRelease: true },
    ]);
  });

  it('a declined confirmation, an unknown crate and a second yank do nothing', async () => {
    const h = await published();
    const declined = { ...h.context(), confirm: () => Promise.resolve(false) };
    const results = await yankCrates(deps(h, declined), ['tiny-base', 'no-such-crate', 'Bad Name', 'tiny-bsae']);
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false]);
    expect(results[0]?.message).toBe('not confirmed; nothing was done');
    expect(results[1]?.message).toBe('no-such-crate is not a crate of this release');
    expect(results[3]?.message).toBe('tiny-bsae is not a crate of this release; did you mean `tiny-base`?');
    expect(await onIndex(h, 'tiny-base')).toBe('published');

    await yankCrates(deps(h), ['tiny-base']);
    const [again] = await yankCrates(deps(h), ['tiny-base']);
    expect(again).toEqual({ target: 'tiny-base@0.1.0', ok: true, message: 'tiny-base@0.1.0 is already yanked' });
    expect(h.journal.entries().filter((e) => e.action === 'yank-crate' && e.type === 'intent')).toHaveLength(1);
  });

  it('a yank cut off by a kill is settled like a step intent: its cargo waited for, then the index decides', async () => {
    const h = await published();
    h.store.setState({ updatedAt: undefined });
    const before = h.context().now();
    // What a killed session leaves: the intent, and its cargo yank running on in its own process group.
    const intent = h.journal.append({
      type: 'intent',
      action: 'yank-crate',
      target: 'tiny-base@0.1.0',
      step: 'rollback',
    });
    const orphan = exec(['sh', '-c', 'sleep 0.5; exec cargo yank --version 0.1.0 tiny-base'], {
      cwd: h.ws,
      env: h.env,
      onSpawn: recordChild(h.journal, intent),
    });
    const runner = {
      context: () => ({ ...h.context(), dispose: () => Promise.resolve() }),
      handler: () => undefined,
      notice: (t: string) => h.lines.push(t),
    } as unknown as RunnerDeps;
    expect(await verdictOf(runner, undefined, intent, true)).toBe('done');
    expect((await orphan).exitCode).toBe(0);
    expect(h.lines.join('\n')).toMatch(
      /yank-crate tiny-base@0\.1\.0: its command from the previous session \(pid \d+\) is still running/,
    );
    expect(h.store.getState().crates['tiny-base']?.yanked).toBe(true);
    // The flag the index settled is a stamped change of the state, like the queue's.
    expect(Date.parse(h.store.getState().updatedAt ?? '')).toBeGreaterThanOrEqual(before);
  });
});
