import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The API's largest page: more practices than any sub-ICB holds. */
export const PRACTICES_LIMIT = 1000;

/** The practices inside a PCN or sub-ICB that the user may see (GET /orgs?level=practice&parent=). */
export function usePracticesIn(code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['orgs', 'practice', 'in', code],
    queryFn: () => api.orgs({ level: 'practice', parent: code, limit: PRACTICES_LIMIT }),
    enabled,
    staleTime: 5 * 60_000,
  });
}
