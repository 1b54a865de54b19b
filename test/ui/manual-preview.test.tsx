// Selecting a manual step with a `show` command asks the engine for its preview: once per
// selection, cancelled when the cursor moves off or the cockpit goes away; other steps never ask.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { demoPlan } from '../helpers/demo-plan.js';
import { renderApp, sleep } from './render-app.js';

afterEach(() => cleanup());

function planWithShow() {
  const plan = demoPlan();
  const eyeball = plan.phases.flatMap((p) => p.steps).find((s) => s.id === 'eyeball');
  if (eyeball?.config.kind !== 'manual') throw new Error('the demo plan lost its manual step');
  eyeball.config.show = ['git', 'log', '--oneline', 'v0.14.0..HEAD'];
  return plan;
}

describe('checklist: previewing a manual step', () => {
  it('selecting the manual step calls preview once; moving off cancels it', async () => {
    const engine = createFakeEngine({ plan: planWithShow() });
    const app = await renderApp(engine);
    await app.press('down'); // clippy: a run step asks nothing
    expect(engine.callsTo('preview')).toEqual([]);
    await app.press('down'); // eyeball
    await app.until(() => engine.callsTo('preview').length > 0);
    expect(engine.callsTo('preview')).toEqual([['eyeball']]);
    await sleep(150); // frames redraw meanwhile: a redraw is not a new selection
    expect(engine.callsTo('preview')).toEqual([['eyeball']]);
    expect(engine.callsTo('cancelPreview')).toEqual([]);
    await app.press('down');
    await app.until(() => engine.callsTo('cancelPreview').length > 0);
    expect(engine.callsTo('cancelPreview')).toEqual([[]]);
    expect(engine.callsTo('preview')).toEqual([['eyeball']]);
  });

  it('a manual step without a show command asks nothing', async () => {
    const engine = createFakeEngine();
    const app = await renderApp(engine);
    await app.press('down', 'down', 'down');
    await sleep(300); // the cursor is on the manual step by now
    expect(engine.callsTo('preview')).toEqual([]);
  });

  it('the cockpit going away cancels the preview of the selected step', async () => {
    const engine = createFakeEngine({ plan: planWithShow() });
    const app = await renderApp(engine);
    await app.press('down', 'down');
    await app.until(() => engine.callsTo('preview').length > 0);
    expect(engine.callsTo('preview')).toEqual([['eyeball']]);
    app.unmount();
    expect(engine.callsTo('cancelPreview')).toEqual([[]]);
  });
});
