import type { StandardisedOutcomesResponse, StandardisedOutcomesTrendResponse } from '@pcsp/contract/evaluation.contract';
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

/** The same comparison month by month, over the 12 months to the latest. */
export function useStandardisedTrend(org: string) {
  return useQuery({
    queryKey: ['outcomes', 'standardised', 'trend', org],
    queryFn: () => apiRequest<StandardisedOutcomesTrendResponse>('/outcomes/standardised/trend', { query: { org } }),
    enabled: Boolean(org) && !org.startsWith('group:'),
    retry: false,
  });
}
