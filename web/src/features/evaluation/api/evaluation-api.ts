import type { TrainingEvaluationResponse } from '@pcsp/contract/evaluation.contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** The training evaluation of an area ('' = the user's whole area). */
export function useTrainingEvaluation(area: string) {
  return useQuery({
    queryKey: ['evaluation', 'training', area],
    queryFn: () => apiRequest<TrainingEvaluationResponse>('/evaluation/training', { query: { area: area || undefined } }),
    retry: false,
  });
}
