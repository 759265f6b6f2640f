import type { OrgNode } from '../orgs/org-directory';

/**
 * For each measure, the target that applies to `node`: the one set for the area itself, else the one set for
 * its nearest ancestor that has one (practice → PCN → sub-ICB → ICB → region → England). A commissioner's ICB
 * target thus holds for every sub-ICB, PCN and practice in the ICB that has none of its own.
 */
export function nearestTargets<T extends { measure: string; orgCode: string }>(node: Pick<OrgNode, 'code' | 'ancestors'>, targets: readonly T[]): Map<string, T> {
  const chain = [node.code, ...node.ancestors];
  const nearest = new Map<string, { target: T; distance: number }>();
  for (const target of targets) {
    const distance = chain.indexOf(target.orgCode);
    if (distance < 0) continue;
    const current = nearest.get(target.measure);
    if (current === undefined || distance < current.distance) nearest.set(target.measure, { target, distance });
  }
  return new Map([...nearest].map(([measure, { target }]) => [measure, target]));
}
