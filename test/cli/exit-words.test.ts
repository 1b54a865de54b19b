// The exit words: one line of where the release stands and, when it is unfinished, the exact
// command that brings the maintainer back (the flags that were given, quoted for a shell; the
// demo's own command for the demo). Also what the quit question promises.
import { describe, expect, it } from 'vitest';
import { exitWords, resumeCommand, shellWord, summaryLine, type ResumeSpec } from '../../src/cli/exit-words.js';
import { demoPlan, freshState, resumedMidQueue } from '../helpers/demo-plan.js';

const plan = demoPlan();
type Given = { repoGiven?: string; config?: string; version?: string };
/** The flags as the parser leaves them: those not given are undefined. */
const given = (a: Given): ResumeSpec['args'] => ({ config: a.config, version: a.version, repoGiven: a.repoGiven });
const cockpit = (a: Given): ResumeSpec => ({ args: given(a), headless: false });

describe('the resume command', () => {
  it('repeats --repo, --config and --version as given, quoted for a shell', () => {
    expect(resumeCommand(cockpit({}))).toBe('release-cockpit');
    expect(resumeCommand(cockpit({ repoGiven: '../micromegas', config: 'rel/release.json', version: '0.15.0' }))).toBe(
      'release-cockpit --repo ../micromegas --config rel/release.json --version 0.15.0',
    );
    expect(resumeCommand({ args: given({ repoGiven: "/src/Bob's repo" }), headless: true })).toBe(
      `release-cockpit run --headless --yes --repo '/src/Bob'\\''s repo'`,
    );
    expect(shellWord('$(rm -rf ~)')).toBe(`'$(rm -rf ~)'`);
  });

  it("names the demo's own command for the demo, never its sandbox's config", () => {
    const args = given({
      repoGiven: '/home/u/.local/state/release-cockpit/demo/micromegas',
      config: '/x/releaserc.demo.json',
    });
    expect(resumeCommand({ args, headless: false, demo: { fast: false, npm: true } })).toBe('npm start');
    expect(resumeCommand({ args, headless: false, demo: { fast: true, npm: false } })).toBe(
      'release-cockpit demo --fast',
    );
    expect(resumeCommand({ args, headless: true, demo: { fast: false, npm: false } })).toBe(
      'release-cockpit demo --headless --yes',
    );
  });
});

describe('the exit words', () => {
  it('a release that ran nothing: not started, nothing saved, no command', () => {
    expect(exitWords(freshState(plan), plan, cockpit({ repoGiven: 'r' }))).toBe(
      'Micromegas 0.15.0: not started; nothing was saved.\n',
    );
  });

  it('an unfinished release: where it stopped, then the command that resumes it', () => {
    const st = freshState(plan);
    const later = resumedMidQueue('the cockpit was killed');
    for (const [id, s] of Object.entries(later.steps)) Object.assign(st.steps[id]!, s, { attempts: 1 });
    for (const [name, c] of Object.entries(later.crates)) Object.assign(st.crates[name]!, c, { attempts: 1 });
    const words = exitWords(st, plan, cockpit({ repoGiven: '../micromegas' })).split('\n');
    expect(words[0]).toMatch(
      /^Micromegas 0\.15\.0: \d+\/\d+ steps done, 1\/\d+ crates published; stopped at \S+ \(interrupted\)\.$/,
    );
    expect(words[1]).toBe('Resume with: release-cockpit --repo ../micromegas');
  });

  it('a finished release: released, with the counts, and no command', () => {
    const st = freshState(plan);
    for (const s of Object.values(st.steps)) s.status = 'passed';
    for (const c of Object.values(st.crates)) c.status = 'published';
    const n = plan.crates.length;
    expect(summaryLine(st, plan)).toMatch(
      new RegExp(`^Micromegas 0\\.15\\.0: released \\(\\d+/\\d+ steps, ${n}/${n} crates published\\)\\.$`),
    );
    expect(exitWords(st, plan, cockpit({ repoGiven: 'r' }))).not.toContain('Resume with');
  });
});
