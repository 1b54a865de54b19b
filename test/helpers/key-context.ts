// A key context for keymap and help tests: a pending step under the cursor in the checklist,
// nothing running; each test overrides what it is about.
import type { KeyContext } from '../../src/ui/keymap/types.js';

const BASE: KeyContext = {
  focus: 'checklist',
  textInput: false,
  running: false,
  finished: false,
  row: 'step',
  step: { id: 'cargo-test', kind: 'run', status: 'pending' },
  hasCrates: true,
  queuePaused: false,
  queueRunning: false,
  queueDone: false,
  follow: true,
  hasSearch: false,
  inputText: '',
};

export function keyContext(over: Partial<KeyContext> = {}): KeyContext {
  return { ...BASE, ...over };
}
