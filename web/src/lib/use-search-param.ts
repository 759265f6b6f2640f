import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useSnapshotMonthsQuery } from './queries';

/**
 * A page's state held in the URL: one search parameter, with a fallback when absent. `normalise` gives the value's one
 * spelling (an organisation code in capitals): the page gets it at once, and the URL is replaced by it, not added to
 * the history.
 */
export function useSearchParam(name: string, fallback = '', normalise?: (value: string) => string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(name);
  const value = raw === null ? fallback : normalise ? normalise(raw) : raw;
  useEffect(() => {
    if (raw === null || value === raw) return;
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set(name, value);
        return updated;
      },
      { replace: true },
    );
  }, [name, raw, value, setParams]);
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

export interface MonthParam {
  /** The month to ask for: '' for the latest, also where the URL's month is not one of the snapshot's. */
  month: string;
  setMonth: (month: string) => void;
  /** False while the snapshot's months are not known and the URL names a month: nothing should be asked for yet. */
  ready: boolean;
  /** The URL's month where the snapshot has no figures for it (outside its months, or no month at all). */
  unavailable?: string;
  /** The snapshot's latest month, shown instead of an unavailable one. */
  latest?: string;
}

/**
 * The month of a page (?month=, '' for the latest). A month the snapshot does not hold, say from an old link, falls back
 * to the latest, as the month select then shows it, and is given as `unavailable` for the page to say so once, where
 * each panel's request would have been refused. Until the months are known, a month in the URL is not ready.
 */
export function useMonthParam(): MonthParam {
  const [requested, setMonth] = useSearchParam('month');
  // Pending is not the same as no months: the query itself, not useSnapshotMonths' data.
  const snapshot = useSnapshotMonthsQuery();
  if (requested === '') return { month: '', setMonth, ready: true };
  if (snapshot.isPending) return { month: requested, setMonth, ready: false };
  const months = snapshot.data?.months ?? [];
  // No months (no snapshot, or the months could not be read): the page's own requests say what is wrong.
  if (months.length === 0 || months.includes(requested)) return { month: requested, setMonth, ready: true };
  return { month: '', setMonth, ready: true, unavailable: requested, latest: months[0] };
}
