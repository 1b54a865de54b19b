// What a host (the cockpit, the headless reporter) sees of the release store: it reads and
// subscribes; only the engine writes.
import type { StoreApi } from 'zustand/vanilla';

export type ReadonlyStore<T> = Pick<StoreApi<T>, 'getState' | 'getInitialState' | 'subscribe'>;
