import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileStorage, stateFile } from '../../src/adapters/file-storage.js';
import { UserError } from '../../src/core/user-error.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tmp = useTempDirs('rc-fs-');
afterEach(() => {
  vi.useRealTimers();
});

type S = { n: number; schemaVersion?: number };
const value = (n: number, version = 1) => ({ state: { n, schemaVersion: version }, version });

describe('file storage', () => {
  it('masks every string value it writes, nested or JSON-escaped', () => {
    const d = tmp();
    const secret = 'tok"en\\0123'; // a quote and a backslash: escaped in the JSON text
    const st = createFileStorage<Record<string, unknown>>(d, { mask: (t) => t.split(secret).join('***') });
    st.setItem('state', { state: { reason: `bad ${secret}`, deep: { notes: [`x ${secret} y`] }, n: 3 }, version: 1 });
    st.close();
    const text = readFileSync(stateFile(d), 'utf8');
    expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(JSON.parse(text).state).toEqual({ reason: 'bad ***', deep: { notes: ['x *** y'] }, n: 3 });
  });

  it('load() is null without a file and returns what was written', () => {
    const d = tmp();
    const st = createFileStorage<S>(d);
    expect(st.load()).toBeNull();
    st.setItem('state', value(1));
    st.close();
    expect(createFileStorage<S>(d).load()).toEqual(value(1));
    expect(statSync(stateFile(d)).mode & 0o777).toBe(0o600);
  });

  it('coalesces: the first change is written at once, a burst becomes one trailing write', async () => {
    const d = tmp();
    const st = createFileStorage<S>(d, { minIntervalMs: 40 });
    st.setItem('state', value(0));
    expect(st.stats.writes).toBe(1);
    for (let i = 1; i <= 100; i++) st.setItem('state', value(i));
    expect(st.stats.writes).toBe(1);
    expect(JSON.parse(readFileSync(stateFile(d), 'utf8')).state.n).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(st.stats.writes).toBe(2);
    expect(JSON.parse(readFileSync(stateFile(d), 'utf8')).state.n).toBe(100);
    expect(st.stats.requests).toBe(101);
    st.close();
  });

  it('flush() writes the pending change synchronously', () => {
    const d = tmp();
    const st = createFileStorage<S>(d, { minIntervalMs: 10_000 });
    st.setItem('state', value(1));
    st.setItem('state', value(2));
    st.flush();
    expect(JSON.parse(readFileSync(stateFile(d), 'utf8')).state.n).toBe(2);
    st.close();
  });

  it('skips a write whose content did not change', () => {
    const d = tmp();
    const st = createFileStorage<S>(d, { minIntervalMs: 0 });
    st.setItem('state', value(1));
    st.setItem('state', value(1));
    expect(st.stats.writes).toBe(1);
    expect(st.stats.unchanged).toBe(1);
    st.close();
  });

  it('keeps state.json.bak with the previous good write', () => {
    const d = tmp();
    const st = createFileStorage<S>(d, { minIntervalMs: 0 });
    st.setItem('state', value(1));
    st.setItem('state', value(2));
    st.close();
    expect(JSON.parse(readFileSync(`${stateFile(d)}.bak`, 'utf8')).state.n).toBe(1);
    expect(statSync(`${stateFile(d)}.bak`).mode & 0o777).toBe(0o600);
  });

  it('moves a corrupt state.json aside, never overwrites it, and says how to recover', () => {
    const d = tmp();
    const st = createFileStorage<S>(d, { minIntervalMs: 0 });
    st.setItem('state', value(1));
    st.setItem('state', value(2));
    st.close();
    writeFileSync(stateFile(d), '{"state": {"n": 3, "sch');
    let err: unknown;
    try {
      createFileStorage<S>(d).load();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const text = (err as UserError).format();
    const aside = readdirSync(d).find((f) => f.startsWith('state.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(d, aside!), 'utf8')).toBe('{"state": {"n": 3, "sch');
    expect(existsSync(stateFile(d))).toBe(false);
    expect(text).toContain(aside!);
    expect(text).toContain(`cp ${stateFile(d)}.bak ${stateFile(d)}`);
    expect(text).toMatch(/start over/);
  });

  it('says where a corrupt state.json is broken and what was expected, in one sentence with the ways back', () => {
    const d = tmp();
    const st = createFileStorage<S>(d, { minIntervalMs: 0 });
    st.setItem('state', value(1));
    st.setItem('state', value(2));
    st.close();
    const broken = '{\n  "state": {\n    "n": 3\n    "schemaVersion": 1\n  },\n  "version": 1\n}\n';
    writeFileSync(stateFile(d), broken);
    let err: unknown;
    try {
      createFileStorage<S>(d, { now: () => Date.parse('2026-12-05T09:00:00.000Z') }).load();
    } catch (e) {
      err = e;
    }
    const file = stateFile(d);
    const aside = `${file}.corrupt-2026-12-05T09-00-00-000Z`;
    expect((err as UserError).format()).toBe(
      `${file} is not valid saved state at line 4, column 5: expected \`,\` before \`"schemaVersion"\` (Separate the values of an object or array with commas); it was kept as ${aside} and nothing was overwritten. To recover: restore the last good copy with \`cp ${file}.bak ${file}\`, fix line 4 of ${aside} and move it back (\`mv ${aside} ${file}\`), or run again to start over (finished steps would run again).`,
    );
    expect(readFileSync(aside, 'utf8')).toBe(broken);
    expect((err as Error).message).not.toMatch(/Unexpected|position \d/);
  });

  it('read-only: reports a corrupt file without moving it', () => {
    const d = tmp();
    writeFileSync(stateFile(d), 'garbage');
    expect(() => createFileStorage<S>(d, { readOnly: true }).load()).toThrow(
      /is not valid saved state at line 1, column 1: unexpected `garbage`\.$/,
    );
    expect(readFileSync(stateFile(d), 'utf8')).toBe('garbage');
  });

  it('treats an empty or shapeless file as corrupt', () => {
    for (const text of ['', '[]', '{"version":1}']) {
      const d = tmp();
      writeFileSync(stateFile(d), text);
      expect(() => createFileStorage<S>(d).load()).toThrow(UserError);
      expect(existsSync(stateFile(d))).toBe(false);
    }
  });

  it('refuses a state written by a newer release-cockpit and leaves it in place', () => {
    const d = tmp();
    writeFileSync(stateFile(d), JSON.stringify(value(1, 99)));
    expect(() => createFileStorage<S>(d).load()).toThrow(/newer release-cockpit.*upgrade/);
    expect(JSON.parse(readFileSync(stateFile(d), 'utf8')).version).toBe(99);
    writeFileSync(stateFile(d), JSON.stringify({ state: { schemaVersion: 7 }, version: 1 }));
    expect(() => createFileStorage<S>(d).load()).toThrow(/newer release-cockpit/);
  });

  it('read-only storage never writes', () => {
    const d = tmp();
    const st = createFileStorage<S>(d, { readOnly: true });
    st.setItem('state', value(1));
    st.flush();
    expect(existsSync(stateFile(d))).toBe(false);
  });

  it('reports a background write failure and throws it on the next flush', async () => {
    const d = tmp();
    const errors: string[] = [];
    const st = createFileStorage<S>(join(d, 'gone'), { minIntervalMs: 0, onError: (e) => errors.push(e.message) });
    st.setItem('state', value(1));
    expect(errors[0]).toMatch(/ENOENT/);
    expect(() => st.flush()).toThrow(/ENOENT/);
    st.close();
  });

  it('reports a failing cause once, not once per change, and again after a write succeeded', () => {
    const d = tmp();
    const errors: string[] = [];
    const st = createFileStorage<S>(join(d, 'later'), { minIntervalMs: 0, onError: (e) => errors.push(e.message) });
    for (let n = 1; n <= 5; n++) st.setItem('state', value(n));
    expect(errors).toHaveLength(1);
    expect(() => st.flush()).toThrow(/ENOENT/);
    st.setItem('state', value(6));
    expect(errors).toHaveLength(1); // the flush already said it
    expect(() => st.flush()).toThrow(/ENOENT/); // and every flush still refuses
    mkdirSync(join(d, 'later'));
    st.setItem('state', value(7));
    rmSync(join(d, 'later'), { recursive: true });
    st.setItem('state', value(8));
    expect(errors).toHaveLength(2);
    expect(() => st.close()).toThrow(/ENOENT/);
  });
});
