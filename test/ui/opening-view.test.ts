// The first frame's layout: the App's, cut to the checklist's height (Ink draws every cell of a
// frame, so a short first frame is drawn sooner), never taller than the App's own panes.
import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../src/ui/layout-geometry.js';
import { openingLayout } from '../../src/ui/opening-frame.js';

describe('openingLayout', () => {
  it('on a wide terminal puts the output pane beside a checklist as tall as its rows, and no queue', () => {
    const full = computeLayout(120, 40, 3);
    const l = openingLayout(full, 4);
    expect(l.checklist).toEqual({ width: full.checklist.width, height: 5 });
    expect(l.output).toEqual({ width: full.output.width, height: 5 });
    expect(l.queue).toBeUndefined();
    expect(l.body.height).toBe(5);
    expect(l.rootHeight).toBe(6);
  });

  it('on a narrow terminal puts two output rows under the checklist', () => {
    const full = computeLayout(100, 30, 0);
    const l = openingLayout(full, 2);
    expect(l.checklist.height).toBe(3);
    expect(l.output).toEqual({ width: 100, height: 2 });
    expect(l.body.height).toBe(5);
  });

  it('never grows past the App layout: a long checklist keeps the full height', () => {
    const wide = computeLayout(120, 40, 12);
    expect(openingLayout(wide, 200).body.height).toBe(wide.body.height);
    const narrow = computeLayout(100, 30, 12);
    expect(openingLayout(narrow, 200).checklist.height).toBe(narrow.checklist.height);
  });
});
