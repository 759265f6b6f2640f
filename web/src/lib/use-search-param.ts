import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** A page's state held in the URL: one search parameter, with a fallback when absent. */
export function useSearchParam(name: string, fallback = ''): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? fallback;
  const setValue = useCallback(
    (next: string) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next === '' || next === fallback) updated.delete(name);
          else updated.set(name, next);
          return updated;
        },
        { replace: false },
      );
    },
    [name, fallback, setParams],
  );
  return [value, setValue];
}
