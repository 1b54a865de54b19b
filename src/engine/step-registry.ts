// Step kinds by name. Each kind registers itself from its own file; this file imports them, one
// line per kind, so adding a kind never touches another kind's line.
import type { StepKind } from '../config/schema.js';
import type { StepHandler } from './step-types.js';

// Kinds register while this module is still evaluating (the imports below form a cycle with it),
// so the map lives on a hoisted function instead of a `const`, which would still be uninitialised.
function handlers(): Map<StepKind, StepHandler> {
  const holder = handlers as unknown as { map?: Map<StepKind, StepHandler> };
  holder.map ??= new Map();
  return holder.map;
}

export function registerStep(handler: StepHandler): void {
  handlers().set(handler.kind, handler);
}

export function getStepHandler(kind: StepKind): StepHandler | undefined {
  return handlers().get(kind);
}

export function registeredKinds(): StepKind[] {
  return [...handlers().keys()];
}

import './steps/run.js';
import './steps/manual.js';
import './steps/verify-versions.js';
import './steps/bump-version.js';
import './steps/publish-crates.js';
import './steps/changelog.js';
import './steps/publish-python.js';
import './steps/archive.js';
import './steps/git-tag.js';
import './steps/git-push.js';
import './steps/github-release.js';
