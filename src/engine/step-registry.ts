// Step kinds by name: one handler per kind, one file per kind, listed here once. A kind added to
// the schema without a handler fails test/engine/step-registry.test.ts.
import type { StepKind } from '../core/config/step.js';
import type { StepHandler } from './step-types.js';
import { runStep } from './steps/run.js';
import { manualStep } from './steps/manual.js';
import { verifyVersionsStep } from './steps/verify-versions.js';
import { changelogStep } from './steps/changelog.js';
import { publishCratesStep } from './steps/publish-crates.js';
import { publishPythonStep } from './steps/publish-python.js';
import { verifyPythonInstallStep } from './steps/verify-python-install.js';
import { archiveStep } from './steps/archive.js';
import { gitTagStep } from './steps/git-tag.js';
import { gitPushStep } from './steps/git-push.js';
import { githubReleaseStep } from './steps/github-release.js';
import { bumpVersionStep } from './steps/bump-version.js';
import { githubPrStep } from './steps/github-pr.js';

const HANDLERS = new Map<StepKind, StepHandler>(
  [
    runStep,
    manualStep,
    verifyVersionsStep,
    changelogStep,
    publishCratesStep,
    publishPythonStep,
    verifyPythonInstallStep,
    archiveStep,
    gitTagStep,
    gitPushStep,
    githubReleaseStep,
    bumpVersionStep,
    githubPrStep,
  ].map((h) => [h.kind, h]),
);

export function getStepHandler(kind: StepKind): StepHandler | undefined {
  return HANDLERS.get(kind);
}

export function registeredKinds(): StepKind[] {
  return [...HANDLERS.keys()];
}
