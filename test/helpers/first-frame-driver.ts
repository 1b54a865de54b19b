// A cockpit session driven stage by stage in a real terminal, for test/e2e/first-frame-tmux.test.ts:
// the first frame drawn as text (tui-session.ts), then, once the test creates DIR/go-ink, Ink's
// first frame (tui-mode.ts), then, once it creates DIR/go-open, the App on a fake engine; each
// DIR/redraw-N has Ink draw its frame again on a cleared screen (the way back from the editor),
// for comparison. After each stage is written the pane's title says so (OSC 2): tmux reads a program's
// output in order, so a title seen means the stage's frame was read. Run with `node --import tsx`.
// Usage: first-frame-driver.ts DIR demo|long
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeEngine } from './fake-engine.js';
import { demoPlan } from './demo-plan.js';
import { makePlan, runSteps } from './make-plan.js';

const [dir = '.', which = 'demo'] = process.argv.slice(2);
const plan =
  which === 'long'
    ? makePlan({
        project: 'Longplan',
        phases: ['build', 'test'].map((id) => ({
          id,
          title: `Phase ${id}`,
          steps: runSteps([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `${id}-${i}`)),
        })),
      })
    : demoPlan();
const engine = createFakeEngine({ plan });
const title = (t: string): void => {
  process.stdout.write(`\u001b]2;${t}\u0007`);
};

/** Resolves once DIR/name exists; `keepAlive: false` does not hold the process open meanwhile. */
async function created(name: string, keepAlive = true): Promise<void> {
  while (!existsSync(join(dir, name))) {
    await new Promise((r) => {
      const t = setTimeout(r, 20);
      if (!keepAlive) t.unref();
    });
  }
}

const { beginSession } = await import('../../src/cli/tui-session.js');
const session = await beginSession({}, { plan, demo: true });
title('pre-drawn');
await created('go-ink');
const { runTui } = await import('../../src/cli/tui-mode.js');
const open = () => created('go-open').then(() => ({ engine }));
// Ink's first frame is written before runTui first waits (for the release to open).
const done = runTui({ plan, open }, { session, demo: true, patchConsole: false });
title('ink-drawn');
// DIR/redraw-1, DIR/redraw-2...: the frame on the screen drawn again by Ink on a cleared screen.
void (async () => {
  for (let n = 1; ; n += 1) {
    await created(`redraw-${n}`, false);
    session.screen.suspend(() => undefined);
    title(`redrawn-${n}`);
  }
})();
process.exitCode = await done;
