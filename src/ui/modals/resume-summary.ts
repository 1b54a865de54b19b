// What the maintainer needs to know when reopening a release: what finished, what was cut off,
// what the registry says about the crates. Pure; the resume modal draws these lines.
import type { Plan } from '../../core/plan-types.js';
import { wrapLines } from './confirm-lines.js';
import type { ReleaseState } from '../../core/state-types.js';
import type { Role } from '../theme.js';
import type { RegistryLoad } from './modal-types.js';
import { plural } from '../../core/plural.js';
import { allSteps } from '../../core/plan-lookup.js';

export interface SummaryLine {
  text: string;
  role?: Role;
  bold?: boolean;
}

export interface ResumeSummary {
  sessions: number;
  passed: number;
  skipped: number;
  pending: number;
  total: number;
  interrupted: { title: string; reason?: string }[];
  failed: { title: string; reason?: string }[];
  crates: { published: number; already: number; failed: number; skipped: number; other: number };
  /** Crates the plan publishes. */
  crateCount: number;
  /** Their names, in publish order (the ones the index does not have yet are named too). */
  crateNames: string[];
  notices: string[];
}

export function summariseResume(
  plan: Pick<Plan, 'phases'> & { crates?: Plan['crates'] },
  state: ReleaseState,
): ResumeSummary {
  const steps = allSteps(plan);
  const st = (id: string) => state.steps[id] ?? { status: 'pending' as const, attempts: 0 };
  const pick = (status: string) =>
    steps.filter((s) => st(s.id).status === status).map((s) => ({ title: s.title, reason: st(s.id).reason }));
  const crates = { published: 0, already: 0, failed: 0, skipped: 0, other: 0 };
  for (const c of Object.values(state.crates)) {
    // A crate in its grace period reached the index: published, whatever the grace was doing.
    if (c.status === 'published' || c.status === 'grace') crates.published++;
    else if (c.status === 'already-published') crates.already++;
    else if (c.status === 'failed') crates.failed++;
    else if (c.status === 'skipped') crates.skipped++;
    else crates.other++;
  }
  return {
    sessions: state.sessions,
    passed: pick('passed').length,
    skipped: pick('skipped').length,
    pending: pick('pending').length,
    total: steps.length,
    interrupted: pick('interrupted'),
    failed: pick('failed'),
    crates,
    crateCount: plan.crates?.length ?? Object.keys(state.crates).length,
    crateNames: plan.crates?.map((c) => c.name) ?? Object.keys(state.crates),
    notices: state.notices,
  };
}

export function resumeLines(s: ResumeSummary, registry: RegistryLoad): SummaryLine[] {
  const out: SummaryLine[] = [];
  out.push({
    text: `This release was opened ${plural(s.sessions - 1, 'time')} before. Nothing runs until you press enter.`,
    bold: true,
  });
  out.push({
    text: `Finished: ${s.passed} passed, ${s.skipped} skipped of ${plural(s.total, 'step')}; ${s.pending} not started.`,
    role: 'ok',
  });
  for (const i of s.interrupted)
    out.push({
      text: `⏸ interrupted: ${i.title}${i.reason ? ` (${i.reason})` : ''}: r retries it; the output pane shows what it printed before`,
      role: 'warn',
    });
  for (const f of s.failed) out.push({ text: `✗ failed: ${f.title}${f.reason ? ` (${f.reason})` : ''}`, role: 'fail' });
  const c = s.crates;
  if (c.published + c.already + c.failed + c.skipped + c.other > 0) {
    out.push({
      text: `Crates: ${c.published} published by this release, ${c.already} already on the index, ${c.skipped} skipped, ${c.failed} failed, ${c.other} to do (the queue asks the index first).`,
    });
  }
  for (const n of s.notices) out.push({ text: `! ${n}`, role: 'warn' });
  out.push({ text: 'Registry status:', bold: true });
  if (registry.status === 'loading') out.push({ text: '  checking the index…', role: 'muted' });
  else if (registry.status === 'error')
    out.push({ text: `  could not read the index: ${registry.message}`, role: 'fail' });
  else if (registry.crates.length === 0)
    out.push({
      text:
        s.crateCount > 0
          ? `  none of the ${plural(s.crateCount, 'crate')} of this release is on the index yet.`
          : '  this release has no crates.',
      role: 'muted',
    });
  else {
    // Crates not on the index yet are the queue's to-do: named on one line, none left out (the
    // index check lists only the crates it found and the ones this release published).
    const listed = new Set(registry.crates.map((r) => r.name));
    const absent = registry.crates.filter((r) => r.onIndex === 'absent' && !r.publishedByThisRelease);
    for (const r of registry.crates) {
      if (absent.includes(r)) continue;
      const role: Role =
        r.onIndex === 'published' ? 'ok' : r.onIndex === 'yanked' ? 'yanked' : r.onIndex === 'absent' ? 'fail' : 'warn';
      out.push({
        text: `  ${r.name}@${r.version}: ${r.onIndex}${r.publishedByThisRelease ? '' : ' (not by this release)'}`,
        role,
      });
    }
    const notYet = [...absent.map((r) => r.name), ...s.crateNames.filter((n) => !listed.has(n))];
    if (notYet.length > 0)
      out.push({ text: `  not on the index yet (${notYet.length}): ${notYet.join(', ')}`, role: 'muted' });
  }
  return out;
}

/** A resume screen only for a release something already happened in (a step ran, a crate moved). */
export function shouldOfferResume(plan: Pick<Plan, 'phases'>, state: ReleaseState): boolean {
  if (state.sessions <= 1) return false;
  const stepRan = plan.phases.some((p) => p.steps.some((s) => (state.steps[s.id]?.status ?? 'pending') !== 'pending'));
  return stepRan || Object.values(state.crates).some((c) => c.status !== 'pending');
}

/** The resume screen's lines wrapped to the text width of a modal `width` wide. */
export function resumeBody(plan: Plan, state: ReleaseState, registry: RegistryLoad, width: number): SummaryLine[] {
  return wrapLines(resumeLines(summariseResume(plan, state), registry), Math.max(10, width - 4));
}
