// yoga-layout for the cockpit's CommonJS bundle (cockpit-bundle.mjs): its own entry loads the
// WebAssembly with a top-level await, which CommonJS cannot hold. Ink uses Yoga only inside
// functions that run once it renders, so the binding is filled in by yogaReady(), awaited before
// the cockpit first renders.
import { loadYoga } from 'yoga-layout/load';

let Yoga;
let loading;

export { Yoga as default };

export function yogaReady() {
  loading ??= loadYoga().then((loaded) => {
    Yoga = loaded;
  });
  return loading;
}
