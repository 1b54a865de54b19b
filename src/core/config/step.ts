// A step of `.releaserc.json`: one of the step kinds, told apart by `kind`.
import * as z from 'zod';
import { ArchiveStep, BumpVersionStep, ChangelogStep, ManualStep, RunStep, VerifyVersionsStep } from './steps-repo.js';
import {
  GitPushStep,
  GitTagStep,
  GithubPrStep,
  GithubReleaseStep,
  PublishCratesStep,
  PublishPythonStep,
  VerifyPythonInstallStep,
} from './steps-release.js';

export const Step = z.discriminatedUnion('kind', [
  RunStep,
  ManualStep,
  VerifyVersionsStep,
  ChangelogStep,
  PublishCratesStep,
  PublishPythonStep,
  VerifyPythonInstallStep,
  ArchiveStep,
  GitTagStep,
  GitPushStep,
  GithubReleaseStep,
  GithubPrStep,
  BumpVersionStep,
]);

export type StepConfig = z.infer<typeof Step>;
export type StepKind = StepConfig['kind'];
export const STEP_KINDS = Step.options.map((o) => o.shape.kind.value) as StepKind[];
