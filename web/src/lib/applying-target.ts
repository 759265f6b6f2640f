import type { ApplyingTarget, ApplyingTargetList } from '@pcsp/contract/targets.contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';

/**
 * The target of `measure` that applies to the organisation `org` (GET /api/targets/applying?org=): the one set
 * for it, else the nearest area's above it, with that area in `target.org`; or null. One request per
 * organisation serves every measure; keyed under 'targets' so that setting or removing a target refreshes it.
 */
export function useApplyingTarget(measure: string, org: string): { applying: ApplyingTarget | null; loading: boolean } {
  const query = useQuery({
    queryKey: ['targets', 'applying', org],
    queryFn: () => apiRequest<ApplyingTargetList>('/targets/applying', { query: { org } }),
    enabled: org !== '' && !org.startsWith('group:'),
    retry: false,
  });
  return { applying: query.data?.targets.find((t) => t.target.measure === measure) ?? null, loading: query.isPending && query.fetchStatus !== 'idle' };
}
