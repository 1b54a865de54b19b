// Where the demo's sandbox lives and what it is: one per user, in the XDG state dir
// ($XDG_STATE_HOME/release-cockpit/demo, else ~/.local/state/release-cockpit/demo), so running
// the demo again resumes it. A marker file says which sandbox layout made it: a sandbox of
// another layout is refused (never silently mixed), and `demo --fresh` starts over.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { UserError } from '../core/user-error.js';
import { writeFileAtomicSync } from '../adapters/atomic-write.js';

/** Bump when the sandbox's layout changes: an older sandbox is then refused with the --fresh hint. */
export const DEMO_FORMAT = 2;

export interface DemoMarker {
  format: number;
  createdAt: string;
  /** The loopback ports last used: reused when free, so the cargo and release configs stay put. */
  ports: { registry?: number; pypi?: number };
}

export function demoHome(env: Record<string, string | undefined> = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  // The XDG spec: a relative value is invalid and ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'release-cockpit', 'demo');
}

const markerFile = (root: string): string => join(root, 'sandbox.json');

/** Present and non-empty: there is a sandbox (of whatever layout). */
export function sandboxExists(root: string): boolean {
  try {
    return readdirSync(root).length > 0;
  } catch {
    return false;
  }
}

/** The marker of the sandbox in root; refuses one made by another layout (or no marker at all). */
export function readMarker(root: string): DemoMarker {
  let marker: Partial<DemoMarker> | undefined;
  try {
    marker = JSON.parse(readFileSync(markerFile(root), 'utf8')) as Partial<DemoMarker>;
  } catch {
    marker = undefined;
  }
  if (marker?.format !== DEMO_FORMAT) {
    const which =
      marker?.format === undefined
        ? 'an older release-cockpit'
        : `another release-cockpit (sandbox format ${String(marker.format)}, this one uses ${DEMO_FORMAT})`;
    throw new UserError(`the demo sandbox ${root} was made by ${which}; it was left as it is.`, {
      hint: 'Start over with `release-cockpit demo --fresh` (it replaces that sandbox).',
    });
  }
  return { format: DEMO_FORMAT, createdAt: marker.createdAt ?? '', ports: marker.ports ?? {} };
}

export function writeMarker(root: string, marker: DemoMarker): void {
  writeFileAtomicSync(markerFile(root), `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
}

export function removeSandbox(root: string): boolean {
  if (!existsSync(root)) return false;
  rmSync(root, { recursive: true, force: true });
  return true;
}
