import type { StandardisedOutcomesResponse } from '@pcsp/contract/evaluation.contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Outcomes with and without a plan, directly standardised, for one organisation at the latest month. */
export function useStandardisedOutcomes(org: string) {
  return useQuery({
    queryKey: ['outcomes', 'standardised', org],
    queryFn: () => apiRequest<StandardisedOutcomesResponse>('/outcomes/standardised', { query: { org } }),
    enabled: Boolean(org) && !org.startsWith('group:'),
    retry: false,
  });
}
