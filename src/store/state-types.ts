// The persisted release state's types live in core (the core computes over them); re-exported here for the store.
export * from '../core/state-types.js';
