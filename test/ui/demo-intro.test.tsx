// The demo explains itself: before any step ran, the output pane says what the sandbox is, what
// is real and which key starts; once a step ran, the pane shows output as usual.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp } from './render-app.js';
import { demoIntro } from '../../src/cli/demo-mode.js';
import { INTRO_TITLE } from '../../src/ui/opening-notes.js';

afterEach(() => cleanup());

const intro = demoIntro({
  root: '/home/me/.local/state/release-cockpit/demo',
  registry: { url: 'http://127.0.0.1:4001' },
  pypi: { url: 'http://127.0.0.1:4002' },
  real: ['cargo', 'git'],
  standIns: ['poetry', 'yarn', 'gh'],
} as Parameters<typeof demoIntro>[0]);

describe('demo intro', () => {
  it('fills the output pane before anything ran, then gives way to the output', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine, { demo: true, intro });
    await app.resize(120, 30);
    const f = await app.until('Nothing real is touched');
    expect(f).toContain('real       cargo, git');
    expect(f).toContain('loopback   cargo registry http://127.0.0.1:4001');
    expect(f).toContain('stand-ins  poetry, yarn, gh');
    expect(f).toContain('enter starts the release');
    const first = engine.plan.phases[0]!.steps[0]!.id;
    engine.setStep(first, { status: 'passed' });
    await app.until((frame) => !frame.includes('Nothing real is touched'));
    expect(app.frame()).not.toContain(INTRO_TITLE);
  });

  it('at 80x24 the pane is titled for the intro and still shows the key that starts', async () => {
    const app = await renderApp(createFakeEngine(), { demo: true, intro });
    await app.resize(80, 24);
    const f = await app.until('Nothing real is touched');
    expect(f).toMatch(new RegExp(`─ ${INTRO_TITLE} ─`));
    expect(f).not.toContain('Output:');
    expect(f).toContain('enter starts the release · y confirms each');
    expect(f).toContain('irreversible step · ? every key · q quits.');
  });

  it('every line fits the output pane of a 100-column terminal', () => {
    for (const line of intro.filter((l) => !l.startsWith('sandbox'))) expect(line.length).toBeLessThanOrEqual(54);
  });
});
