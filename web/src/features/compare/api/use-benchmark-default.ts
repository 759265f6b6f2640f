import { useQuery } from '@tanstack/react-query';
import type { Session } from '@pcsp/contract/auth.contract';
import { api } from '../../../lib/api-client';
import { useSession } from '../../../lib/queries';

export type DefaultBenchmark = 'icb' | 'england';

export interface BenchmarkDefault {
  /** England where the practices listed are in more than one ICB (so that the funnel has one set of limits), else each practice's ICB. */
  benchmark: DefaultBenchmark;
  /** How many ICBs the practices listed are in, where more than one; else null. */
  icbs: number | null;
  /** False while the number of ICBs is being asked for: the comparison should not be asked for with a default yet. */
  ready: boolean;
}

const AT_OR_BELOW_ICB = new Set(['icb', 'sub_icb', 'pcn', 'practice']);

/**
 * The number of ICBs of "Practices in" (`within`, '' for the whole of the user's area) where the session says it:
 * a group's practices are of one ICB (the API refuses any other), and a user whose areas are ICBs or below sees
 * nothing wider, so any organisation they can compare within is in one ICB. Null where the API must be asked.
 */
function icbsKnown(within: string, session: Session | null | undefined): number | null {
  if (within.startsWith('group:')) return 1;
  const areas = session?.areas ?? [];
  if (areas.length === 0 || !areas.every((a) => AT_OR_BELOW_ICB.has(a.level))) return null;
  if (within !== '' || areas.length === 1) return 1;
  return areas.every((a) => a.level === 'icb') ? new Set(areas.map((a) => a.code)).size : null;
}

/**
 * The Compare page's default benchmark for the practices listed. The compare rows name no ICB (a row's parentCode is
 * the organisation just above it, such as its PCN), so where the session does not say how many ICBs they span, GET /orgs counts the ICBs inside `within`
 * (or inside the user's area) that the user can see. Should that fail, the default stays each practice's ICB.
 */
export function useBenchmarkDefault(within: string): BenchmarkDefault {
  const session = useSession().data;
  const known = icbsKnown(within, session);
  const counted = useQuery({
    queryKey: ['orgs', 'icb', 'count', within],
    queryFn: () => api.orgs({ level: 'icb', parent: within || undefined, limit: 1 }),
    enabled: known === null,
    staleTime: 5 * 60_000,
    select: (list) => list.total,
  });
  const icbs = known ?? (counted.isSuccess ? counted.data : null);
  if (known === null && counted.isPending) return { benchmark: 'icb', icbs: null, ready: false };
  return icbs !== null && icbs > 1 ? { benchmark: 'england', icbs, ready: true } : { benchmark: 'icb', icbs: null, ready: true };
}
