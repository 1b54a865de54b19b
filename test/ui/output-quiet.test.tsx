// The output pane's "quiet 2m 10s": a running step's silence since its last output line, so a
// multi-hour step that is alive reads differently from a hung one.
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { OutputView } from '../../src/ui/panes/output/view.js';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { renderApp, T0 } from './render-app.js';

afterEach(() => cleanup());

const iso = (ms: number): string => new Date(ms).toISOString();

describe('output pane: quiet label', () => {
  it('draws the label first in the title info (whole frame)', () => {
    const pane = {
      stepId: 'docker',
      state: { follow: true, top: 0 },
      dims: { size: 2, total: 2 },
      firstAbs: 0,
      lines: [
        { stream: 'stdout' as const, text: 'building api (amd64)' },
        { stream: 'stdout' as const, text: 'pushing layer 3/9' },
      ],
    };
    const r = render(
      <OutputView pane={pane} title="Docker images" quiet="quiet 2m 10s" focused={false} width={60} height={4} />,
    );
    expect(r.lastFrame()).toMatchInlineSnapshot(`
      "─ Output: Docker images ──────────── quiet 2m 10s · follow ─
       building api (amd64)
       pushing layer 3/9
      "
    `);
  });

  it('appears once the running step has been silent a few seconds, counts on, and goes when a line arrives', async () => {
    let t = T0;
    const clock = () => t;
    const engine = createFakeEngine({
      now: clock,
      state: { steps: { 'cargo-test': { status: 'running', startedAt: iso(T0 - 600_000), attempts: 1 } } },
    });
    engine.emit('cargo-test', '   Compiling big-crate v0.1.0');
    t = T0 + 3_000;
    const app = await renderApp(engine, { clock });
    const title = () =>
      app
        .frame()
        .split('\n')
        .find((l) => l.includes('Output'))!;
    expect(title()).not.toContain('quiet');
    t = T0 + 130_000;
    await app.until('quiet 2m 10s');
    expect(title()).toContain('quiet 2m 10s · follow');
    engine.emit('cargo-test', '    Finished `test` profile');
    await app.until('Finished `test` profile');
    expect(title()).not.toContain('quiet');
  });
});
