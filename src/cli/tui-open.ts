// What the cockpit loads after its first frame: the App, the engine (lock, saved state, journal)
// and the repository's releases (the history view, the previous release's rollback menu).
import { createElement, type ReactElement } from 'react';
import type { CliArgs } from './args.js';
import type { Plan } from '../core/plan-types.js';
import type { EngineApi } from '../engine/engine-api.js';
import type { PreviousRelease } from '../ui/previous-release.js';
import type { ReleaseShelf } from '../ui/release-shelf.js';
import { App, type AppProps } from '../ui/app.js';
import { openEngineForPlan } from './open-engine.js';
import { previousReleaseFor } from './previous-release.js';
import { releaseShelfFor } from './release-shelf.js';

/** An open release: its engine, the last finished release, the shelf of releases. */
export interface OpenRelease {
  engine: EngineApi;
  previous?: PreviousRelease;
  history?: ReleaseShelf;
}

export function appElement(props: AppProps): ReactElement {
  return createElement(App, props);
}

export async function openCockpit(
  plan: Plan,
  args: CliArgs,
  env: Record<string, string | undefined>,
): Promise<OpenRelease> {
  const engine = await openEngineForPlan(plan, args, env, { interactive: true });
  const history = releaseShelfFor(engine.plan, env);
  return { engine, history, previous: previousReleaseFor(engine.plan, env, history) };
}
