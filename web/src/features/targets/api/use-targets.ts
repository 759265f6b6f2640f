import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SetTargetRequest, TargetItem, TargetList, TargetProgressList } from '@pcsp/contract/targets.contract';
import { apiRequest } from '../../../lib/api-client';

const enc = encodeURIComponent;
const TARGETS = ['targets'] as const;

export const targetsApi = {
  list: () => apiRequest<TargetList>('/targets'),
  progress: (org: string) => apiRequest<TargetProgressList>('/targets/progress', { query: { org } }),
  set: (body: SetTargetRequest) => apiRequest<TargetItem>('/targets', { method: 'PUT', body }),
  remove: (id: string) => apiRequest<void>(`/targets/${enc(id)}`, { method: 'DELETE' }),
};

export function useTargets() {
  return useQuery({ queryKey: [...TARGETS, 'list'], queryFn: targetsApi.list, select: (list) => list.targets });
}

/** Each measure's target as it applies to the area, with the projection and rankings. */
export function useTargetProgress(org: string) {
  return useQuery({ queryKey: [...TARGETS, 'progress', org], queryFn: () => targetsApi.progress(org), enabled: org !== '' && !org.startsWith('group:') });
}

/** Setting or removing a target refreshes every target query. */
export function useTargetMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: TARGETS });
  return {
    set: useMutation({ mutationFn: targetsApi.set, onSuccess }),
    remove: useMutation({ mutationFn: targetsApi.remove, onSuccess }),
  };
}
