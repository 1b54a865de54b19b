// The engine extensions every real session uses (cockpit, headless, demo): the publish queue's
// controls, and a rollback menu made of crate yanks plus the git/GitHub actions.
import type { EngineExtensions } from './engine.js';
import { publishQueueExtension } from './publish-queue.js';
import { crateRollbackExtension } from './crate-rollback.js';
import { gitRollbackExtension } from './git-rollback.js';

export const cockpitExtensions: EngineExtensions = {
  queue: (services) => publishQueueExtension(services),
  rollback: (services) => ({ ...crateRollbackExtension(services), ...gitRollbackExtension(services) }),
};
