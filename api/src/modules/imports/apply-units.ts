import type { ExtractFileName, ExtractFileSpec } from './extract-files';

/** A file of a unit, and the set given to be applied together it belongs to (by its first file's place in the plan). */
export interface UnitFile {
  spec: ExtractFileSpec;
  group: number;
}

/** The files whose rows a file's checks and merge read (its references): applied before it, or with it. */
function readsFrom(spec: ExtractFileSpec): ExtractFileName[] {
  const files: ExtractFileName[] = [];
  if (spec.file !== 'practices.csv' && spec.columns.some((c) => c.name === 'practice_code')) files.push('practices.csv');
  if (spec.patientLevel && spec.file !== 'patients.csv') files.push('patients.csv');
  if (spec.file === 'care_plan_reviews.csv') files.push('care_plans.csv');
  return files;
}

/**
 * The files in the order they are applied, as units each applied in one transaction: a set of files to be applied
 * together is one unit, and so are sets that read rows of each other (the FHIR import's bundle.json holding practices
 * and conditions, Patient.ndjson patients and registrations: conditions need the patients, registrations the
 * practices), each set still applied whole or not at all. A unit comes after the units whose rows it reads, else in
 * the contract's order. Without sets, each file is its own unit, in the contract's order. `plan` is in the contract's
 * order.
 */
export function applyUnits(plan: readonly ExtractFileSpec[], together: readonly (readonly ExtractFileName[])[]): UnitFile[][] {
  const names = plan.map((spec) => spec.file);
  // Each set by its first file in the contract's order.
  const root = names.map((_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
  for (const set of together) {
    const members = set.map((file) => names.indexOf(file)).filter((i) => i >= 0);
    for (const i of members) {
      const [a, b] = [find(i), find(members[0])];
      root[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const group = names.map((_, i) => find(i));
  // reads[g][h]: a file of set g reads rows of a file of set h, itself or through others.
  const reads = names.map(() => names.map(() => false));
  plan.forEach((spec, i) => {
    for (const file of readsFrom(spec)) {
      const j = names.indexOf(file);
      if (j >= 0 && group[j] !== group[i]) reads[group[i]][group[j]] = true;
    }
  });
  for (let k = 0; k < names.length; k++) for (let g = 0; g < names.length; g++) for (let h = 0; h < names.length; h++) if (reads[g][k] && reads[k][h]) reads[g][h] = true;
  const unit = group.map((g) => group.find((h) => h === g || (reads[g][h] && reads[h][g])) as number);
  const units = [...new Set(unit)].map((u) => plan.flatMap((spec, i) => (unit[i] === u ? [{ spec, group: group[i] }] : [])));
  const readsUnit = (a: number, b: number) => plan.some((_, i) => unit[i] === a && plan.some((__, j) => unit[j] === b && reads[group[i]][group[j]]));
  const ordered: UnitFile[][] = [];
  const placed = new Set<number>();
  const ids = [...new Set(unit)];
  while (placed.size < ids.length) {
    const next = ids.find((u) => !placed.has(u) && ids.every((v) => v === u || placed.has(v) || !readsUnit(u, v))) as number;
    placed.add(next);
    ordered.push(units[ids.indexOf(next)]);
  }
  return ordered;
}
