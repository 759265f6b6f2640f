import type { SnapshotRow } from '@pcsp/analytics';
import type { OrganisationLevel, OrganisationRef } from '../../contract/organisations.contract';

export interface OrgNode {
  code: string;
  name: string;
  level: OrganisationLevel;
  parentCode: string | null;
  /** Codes of the ancestors, nearest first (England last, except for England itself). */
  ancestors: string[];
  icbCode: string | null;
}

export const LEVEL_ORDER: readonly OrganisationLevel[] = ['england', 'region', 'icb', 'sub_icb', 'pcn', 'practice'];

export const refOf = (node: { code: string; name: string; level: OrganisationRef['level'] }): OrganisationRef => ({
  code: node.code,
  name: node.name,
  level: node.level,
});

/** The snapshot's organisations in memory (a few thousand rows even nationally), indexed for scope checks. */
export class OrgDirectory {
  readonly byCode = new Map<string, OrgNode>();
  readonly children = new Map<string, OrgNode[]>();
  readonly all: OrgNode[];
  /**
   * Every organisation in the order lists show them (level from England down, then name, then code), each with
   * its code and name in lower case for searching: sorted and lowered once per snapshot, not on every search.
   */
  readonly listed: { node: OrgNode; code: string; name: string }[];

  constructor(rows: SnapshotRow[]) {
    this.all = rows.map((r) => {
      const ancestors = [r.pcn_code, r.sub_icb_code, r.icb_code, r.region_code].filter((c): c is string => typeof c === 'string' && c !== r.code);
      if (r.level !== 'england') ancestors.push('ENG');
      return {
        code: String(r.code),
        name: String(r.name),
        level: r.level as OrganisationLevel,
        parentCode: r.level === 'region' ? 'ENG' : ((r.parent_code as string | null) ?? null),
        ancestors,
        icbCode: (r.icb_code as string | null) ?? (r.level === 'icb' ? String(r.code) : null),
      };
    });
    const rank = (n: OrgNode) => LEVEL_ORDER.indexOf(n.level);
    this.listed = [...this.all]
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.code.localeCompare(b.code))
      .map((node) => ({ node, code: node.code.toLowerCase(), name: node.name.toLowerCase() }));
    for (const node of this.all) {
      this.byCode.set(node.code, node);
      if (node.parentCode) this.children.set(node.parentCode, [...(this.children.get(node.parentCode) ?? []), node]);
    }
  }

  get(code: string): OrgNode | undefined {
    return this.byCode.get(code);
  }

  /** True when `node` is one of `area` or lies under one of them ([] = all of England). */
  static inside(node: OrgNode, area: readonly string[]): boolean {
    return area.length === 0 || area.includes(node.code) || node.ancestors.some((a) => area.includes(a));
  }
}
