// A clock that ticks once a second while something on screen counts (elapsed time of a running
// step, a crate's countdown), and not at all otherwise.
import { useEffect, useRef, useState } from 'react';

export function useNow(clock: () => number, active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active) return undefined;
    setNow(clock());
    const t = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(t);
  }, [clock, active, intervalMs]);
  // Re-renders caused by anything else pick up the current time too; what was shown never goes
  // back (a clock stepped backwards holds the time until it catches up).
  const shown = useRef(0);
  shown.current = Math.max(shown.current, active ? Math.max(now, clock()) : clock());
  return shown.current;
}
