import { useQuery } from '@tanstack/react-query';
import type { SnapshotStatusResponse } from '@pcsp/contract/data-quality.contract';
import { apiRequest } from '../../../lib/api-client';

/** How fresh the snapshot is (GET /api/snapshot), for a user who is not given the imports and so not /api/data-quality. */
export function useSnapshotStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['snapshot'],
    queryFn: () => apiRequest<SnapshotStatusResponse>('/snapshot'),
    staleTime: 60_000,
    retry: false,
    enabled,
  });
}
