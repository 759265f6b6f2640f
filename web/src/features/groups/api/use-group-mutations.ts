import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/queries';

export function usePracticeSearch(q: string) {
  return useQuery({
    queryKey: ['orgs', 'practice', q],
    queryFn: () => api.orgs({ level: 'practice', q, limit: 20 }),
    enabled: q.trim().length >= 2,
    select: (list) => list.organisations,
  });
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: api.createGroup, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.groups }) });
}

export function useUpdateGroup() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: api.updateGroup, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.groups }) });
}

export function useDeleteGroup() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: api.deleteGroup, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.groups }) });
}
