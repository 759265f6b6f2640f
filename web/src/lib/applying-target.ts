import type { TargetItem, TargetList } from '@pcsp/contract/targets.contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';

/**
 * The target an administrator set for `measure` in the area `org` itself (GET /api/targets?org=),
 * or null. Keyed under 'targets' so that setting or removing a target refreshes it.
 */
export function useAreaTarget(measure: string, org: string): { target: TargetItem | null; loading: boolean } {
  const query = useQuery({
    queryKey: ['targets', 'of-area', org],
    queryFn: () => apiRequest<TargetList>('/targets', { query: { org } }),
    enabled: org !== '' && !org.startsWith('group:'),
    retry: false,
  });
  return { target: query.data?.targets.find((t) => t.measure === measure && t.org.code === org) ?? null, loading: query.isPending && query.fetchStatus !== 'idle' };
}
