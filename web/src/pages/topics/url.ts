import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The topic list's filter text lives in the URL (`?q=`), like every other view state. */
export function useTopicsParams() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const setQ = useCallback(
    (value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set('q', value);
          else next.delete('q');
          return next;
        },
        // Keystrokes replace the history entry: Back leaves the page.
        { replace: true },
      ),
    [setParams],
  );
  return { q, setQ };
}
