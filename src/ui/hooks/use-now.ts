// A clock that ticks once a second while something on screen counts (elapsed time of a running
// step, a crate's countdown), and not at all otherwise.
import { useEffect, useState } from 'react';

export function useNow(clock: () => number, active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active) return undefined;
    setNow(clock());
    const t = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(t);
  }, [clock, active, intervalMs]);
  // Re-renders caused by anything else pick up the current time too.
  return active ? Math.max(now, clock()) : clock();
}
