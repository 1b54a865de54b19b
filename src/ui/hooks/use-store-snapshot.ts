// The release state for React, re-rendered at most `fps` times a second however often the engine
// writes (an update inside the frame is delivered at its end, never dropped).
import { useEffect, useRef, useState } from 'react';
import type { ReadonlyStore } from '../../store/read-only-store.js';

export function useStoreSnapshot<T>(store: ReadonlyStore<T>, fps = 30): T {
  const [snap, setSnap] = useState(() => store.getState());
  const last = useRef(0);
  useEffect(() => {
    const frame = Math.ceil(1000 / fps);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deliver = (): void => {
      timer = undefined;
      last.current = Date.now();
      setSnap(store.getState());
    };
    const unsubscribe = store.subscribe(() => {
      if (timer !== undefined) return;
      const wait = last.current + frame - Date.now();
      if (wait <= 0) deliver();
      else timer = setTimeout(deliver, wait);
    });
    // A change between the first render and the subscription.
    if (store.getState() !== snap) setSnap(store.getState());
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, fps]);
  return snap;
}
