// The journal's entry types live in core (the release report reads them); re-exported here for the engine.
export * from '../core/journal-types.js';
