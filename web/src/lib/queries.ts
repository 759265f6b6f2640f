import { useQuery } from '@tanstack/react-query';
import type { MeasureId, MeasureItem } from '@pcsp/contract/measures.contract';
import type { SnapshotMonthsResponse } from '@pcsp/contract/snapshot-months.contract';
import { mayReadDataQuality } from './user-access';
import { api, ApiError, type CompareQuery, type DecilesQuery, type SeriesQuery } from './api-client';

/** Query hooks every feature may use: who is signed in, the measure registry, organisations, groups, the snapshot. */
export const queryKeys = {
  session: ['session'] as const,
  measures: ['measures'] as const,
  org: (code: string) => ['org', code] as const,
  groups: ['groups'] as const,
  dataQuality: ['data-quality'] as const,
  snapshotMonths: ['snapshot-months'] as const,
};

/** Who is signed in, or null for nobody. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async () => {
      try {
        const answer = await api.session();
        return answer.user ? answer : null;
      } catch (error) {
        // The API answers { user: null } when nobody is signed in; a 401 means the same.
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useMeasures() {
  return useQuery({ queryKey: queryKeys.measures, queryFn: api.measures, staleTime: Infinity, select: (list) => list.measures });
}

/** The registry entry of a measure, once the registry has loaded. */
export function useMeasure(id: MeasureId | undefined): MeasureItem | undefined {
  const { data } = useMeasures();
  return data?.find((m) => m.id === id);
}

export function useOrg(code: string | undefined) {
  return useQuery({ queryKey: queryKeys.org(code ?? ''), queryFn: () => api.org(code!), enabled: Boolean(code), staleTime: 5 * 60_000 });
}

export function useGroups() {
  return useQuery({ queryKey: queryKeys.groups, queryFn: api.groups, select: (list) => list.groups });
}

/** The data-quality report, asked for only once the session shows the user may read it (a practice lead may not). */
export function useDataQuality() {
  const session = useSession().data;
  return useQuery({ queryKey: queryKeys.dataQuality, queryFn: api.dataQuality, staleTime: 60_000, retry: false, enabled: Boolean(session && mayReadDataQuality(session)) });
}

const NO_MONTHS: SnapshotMonthsResponse = { months: [], provisional: [] };

/** The months the snapshot holds, newest first, and which are provisional for which measures (none until known). */
/** The snapshot's months as a query, for a caller that must tell pending from no months. */
export function useSnapshotMonthsQuery() {
  return useQuery({ queryKey: queryKeys.snapshotMonths, queryFn: api.snapshotMonths, staleTime: 60_000 });
}

export function useSnapshotMonths(): SnapshotMonthsResponse {
  return useSnapshotMonthsQuery().data ?? NO_MONTHS;
}

export function useSummary(code: string, month?: string) {
  return useQuery({ queryKey: ['summary', code, month ?? ''], queryFn: () => api.summary(code, month || undefined), enabled: Boolean(code) });
}

export function useSeries(measure: MeasureId | undefined, query: SeriesQuery, enabled = true) {
  return useQuery({
    queryKey: ['series', measure, query],
    queryFn: () => api.series(measure!, query),
    enabled: enabled && Boolean(measure) && Boolean(query.org),
  });
}

export function useCompare(measure: MeasureId | undefined, query: CompareQuery, enabled = true) {
  return useQuery({ queryKey: ['compare', measure, query], queryFn: () => api.compare(measure!, query), enabled: enabled && Boolean(measure) });
}

export function useDeciles(measure: MeasureId | undefined, query: DecilesQuery, enabled = true) {
  return useQuery({ queryKey: ['deciles', measure, query], queryFn: () => api.deciles(measure!, query), enabled: enabled && Boolean(measure) });
}
