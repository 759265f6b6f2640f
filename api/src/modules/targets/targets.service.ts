import { Injectable } from '@nestjs/common';
import {
  ENGLAND_CODE,
  TARGET_TREND_CELLS_SQL,
  TREND_MONTHS,
  findMeasure,
  isProvisionalMonth,
  latestFinalMonth,
  monthNumber,
  rankByGap,
  targetProgress,
  type MeasureDefinition,
  type MonthRate,
  type SnapshotRow,
  type TargetDirection,
  type TargetProgress,
} from '@pcsp/analytics';
import type { ApplyingTargetList, TargetGapRow, TargetItem, TargetList, TargetProgressItem, TargetProgressList, TargetProjection } from '../../contract/targets.contract';
import type { AuthUser } from '../../common/auth.decorators';
import { badParameter, notFound, ProblemException, quoteValue } from '../../common/problem';
import type { Transaction } from '../../database/transaction';
import type { AccessScope } from '../orgs/access-scope';
import { refOf, type OrgDirectory, type OrgNode } from '../orgs/org-directory';
import { OrgsService } from '../orgs/orgs.service';
import { SnapshotService } from '../snapshot/snapshot.service';
import type { SetTargetDto } from './dto/set-target.dto';
import type { MeasureTarget } from './measure-target.entity';
import { nearestTargets } from './nearest-target';
import { TargetsRepository } from './targets.repository';

const monthOf = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;

/** The value a target is about: the rate, or the count itself for a count measure. */
const valueOf = (measure: MeasureDefinition, row: SnapshotRow): number | null => {
  const value = measure.unit === 'count' ? row.numerator : row.rate;
  return value === null || value === undefined ? null : Number(value);
};

/** The range a value of the measure can take, to clamp projections to. */
const rangeOf = (measure: MeasureDefinition) => ({ min: 0, max: measure.unit === '%' ? 100 : Infinity });

/** The levels a target is set for: areas, not PCNs or practices. */
const TARGET_LEVELS = ['sub_icb', 'icb', 'region', 'england'] as const;

/** The highest target of a measure other than a percentage. */
const MAX_TARGET = 1_000_000;

/** 400 target_out_of_range for a target below 0 or above what the measure can reach (100 for a percentage, else MAX_TARGET). */
function checkTargetRate(measure: MeasureDefinition, rate: number): void {
  const limits = { min: 0, max: measure.unit === '%' ? 100 : MAX_TARGET };
  const reason = { code: 'target_out_of_range' as const, value: String(rate), limits };
  if (rate < 0) throw badParameter('targetRate', `targetRate must not be negative (got ${rate})`, reason);
  if (measure.unit === '%' && rate > 100) throw badParameter('targetRate', `targetRate must be a percentage from 0 to 100 for ${measure.id} (got ${rate})`, reason);
  if (rate > MAX_TARGET) throw badParameter('targetRate', `targetRate must be at most 1,000,000 (got ${rate})`, reason);
}

/** Targets per measure and area, set by administrators, and how areas, PCNs and practices stand against them. */
@Injectable()
export class TargetsService {
  constructor(
    private readonly targets: TargetsRepository,
    private readonly orgs: OrgsService,
    private readonly snapshot: SnapshotService,
  ) {}

  /**
   * Targets as set, of the areas the user can see and of the areas above theirs (a national ambition applies to all).
   * With `org`, only those set for that area itself: this is the list administrators manage, so it shows no
   * inherited target (applying() and progress() are where an area takes the nearest one above it).
   */
  async list(user: AuthUser, org: string | undefined): Promise<TargetList> {
    const directory = await this.orgs.directory();
    const scope = await this.orgs.scope(user);
    const only = org === undefined ? undefined : (await this.orgs.resolve(user, org, 'org')).node;
    const targets = (await this.targets.list()).filter((t) => {
      const node = directory.get(t.orgCode);
      return node !== undefined && this.applies(node, scope, directory) && (only === undefined || node.code === only.code);
    });
    return { targets: targets.map((t) => this.item(t, directory)) };
  }

  async set(user: AuthUser, body: SetTargetDto, transaction?: Transaction): Promise<TargetItem> {
    const measure = this.targetableMeasure(body.measure);
    checkTargetRate(measure, body.targetRate);
    const { node, directory } = await this.orgs.resolve(user, body.org, 'org');
    if (!(TARGET_LEVELS as readonly string[]).includes(node.level)) {
      throw badParameter('org', `org must be an area (sub-ICB, ICB, region or ENG for England), not a ${node.level}`, { code: 'wrong_level', value: node.code, name: node.name, levels: [...TARGET_LEVELS] });
    }
    const saved = await this.targets.upsert({ measure: measure.id, orgCode: node.code, targetRate: body.targetRate, targetMonth: body.targetMonth, setBy: user.email }, transaction);
    return this.item(saved, directory);
  }

  /** Deletes the target and returns it as it was (for the audit log). */
  async remove(id: string, transaction?: Transaction): Promise<TargetItem> {
    const removed = await this.targets.remove(id, transaction);
    if (!removed) throw notFound(`id: there is no target ${quoteValue(id)}`, { parameter: 'id', code: 'unknown_target', value: id });
    return this.item(removed, await this.orgs.directory());
  }

  /**
   * For each measure with a target at `org` or above it (the nearest applies): the area's last 12 final
   * months projected to the target month, and its PCNs and practices ranked by their gap at the latest
   * final month. A provisional month (low until records dated after it come in) would bias both.
   */
  async progress(user: AuthUser, org: string, measureId: string | undefined): Promise<TargetProgressList> {
    const info = await this.snapshot.describe();
    if (!info) throw new ProblemException(503, 'No analytics snapshot has been built yet: import records and run pcsp refresh.');
    const { node, scope, directory } = await this.orgs.resolve(user, org, 'org');
    const items: TargetProgressItem[] = [];
    for (const { target, measure, direction } of await this.applyingTo(node, measureId)) {
      items.push(await this.progressOf(target, measure, direction, node, scope, directory, info.lastMonth, info.asOf));
    }
    return { org: refOf(node), month: info.lastMonth, items };
  }

  /**
   * The target of each measure (or of `measureId`) as it applies to `org`: its own, else its nearest ancestor's.
   * The SPC view's assurance icon uses it, so the chart judges an organisation against the same target as the
   * projection and gap ranking of progress() do. Alerts use no target at all (a practice is judged against its
   * ICB's funnel limits and its own XmR chart), so there is nothing there to inherit.
   */
  async applying(user: AuthUser, org: string, measureId: string | undefined): Promise<ApplyingTargetList> {
    const { node, directory } = await this.orgs.resolve(user, org, 'org');
    const targets = (await this.applyingTo(node, measureId)).map(({ target }) => ({ target: this.item(target, directory), inherited: target.orgCode !== node.code }));
    return { org: refOf(node), targets };
  }

  /**
   * The targets that apply to `node`, in measure order, one per measure. Only measures with a better direction:
   * set() refuses the others, and a target has no side to be met on without one.
   */
  private async applyingTo(node: OrgNode, measureId: string | undefined): Promise<{ target: MeasureTarget; measure: MeasureDefinition; direction: TargetDirection }[]> {
    // Asked of one measure that can have no target, say so rather than answer that none is set.
    if (measureId !== undefined) this.targetableMeasure(measureId);
    const stored = (await this.targets.list()).filter((t) => measureId === undefined || t.measure === measureId);
    const out: { target: MeasureTarget; measure: MeasureDefinition; direction: TargetDirection }[] = [];
    for (const target of [...nearestTargets(node, stored).values()].sort((a, b) => a.measure.localeCompare(b.measure))) {
      const measure = findMeasure(target.measure);
      if (measure && measure.direction !== 'neither') out.push({ target, measure, direction: measure.direction });
    }
    return out;
  }

  private async progressOf(
    target: MeasureTarget,
    measure: MeasureDefinition,
    direction: TargetDirection,
    node: OrgNode,
    scope: AccessScope,
    directory: OrgDirectory,
    to: string,
    asOf: string,
  ): Promise<TargetProgressItem> {
    const finalMonth = latestFinalMonth(to, asOf, measure.followUpDays);
    const from = monthOf(monthNumber(finalMonth) - TREND_MONTHS + 1);
    const levels = [...new Set(['practice', 'pcn', node.level])].join(',');
    const rows = (
      await this.snapshot.query(TARGET_TREND_CELLS_SQL, {
        measure: measure.id,
        levels,
        from: `${from}-01`,
        to: `${to}-01`,
        area: node.code === ENGLAND_CODE ? '' : node.code,
      })
    ).filter((r) => {
      const n = directory.get(String(r.code));
      return n !== undefined && scope.canSee(n);
    });
    const series = new Map<string, MonthRate[]>();
    for (const r of rows) {
      const code = String(r.code);
      series.set(code, [...(series.get(code) ?? []), { month: String(r.month), rate: valueOf(measure, r) }]);
    }
    const range = rangeOf(measure);
    const trend = this.months(from, to).map((month) => ({
      month,
      rate: series.get(node.code)?.find((p) => p.month === month)?.rate ?? null,
      ...(isProvisionalMonth(month, asOf, measure.followUpDays) ? { provisional: true as const } : {}),
    }));
    const progress = targetProgress(trend, target.targetRate, target.targetMonth, direction, range, finalMonth);
    const ranked = (level: 'practice' | 'pcn'): TargetGapRow[] => {
      const candidates = [...series.keys()]
        .map((code) => directory.get(code))
        .filter((n): n is OrgNode => n !== undefined && n.level === level && n.code !== node.code)
        .map((n) => {
          const own = targetProgress(series.get(n.code) ?? [], target.targetRate, target.targetMonth, direction, range, finalMonth);
          // The gap is measured at the latest final month: a practice without a rate then is unranked.
          const rate = own?.latestMonth === finalMonth ? own.latestRate : null;
          return { code: n.code, rate, node: n, own };
        });
      return rankByGap(candidates, target.targetRate, direction).map((r) => ({
        org: refOf(r.node),
        rate: r.rate,
        gap: r.gap,
        rank: r.rank,
        projectedRate: r.own?.projection?.rate ?? null,
        status: r.own?.status ?? null,
      }));
    };
    return {
      target: this.item(target, directory),
      inherited: target.orgCode !== node.code,
      unit: measure.unit,
      direction,
      finalMonth,
      trend,
      progress: progress && this.projection(progress),
      practices: node.level === 'practice' ? [] : ranked('practice'),
      pcns: node.level === 'practice' || node.level === 'pcn' ? [] : ranked('pcn'),
    };
  }

  /** The projection as the contract has it: the provisional months are in the item's trend, marked. */
  private projection({ provisional: _provisional, ...projection }: TargetProgress): TargetProjection {
    return projection;
  }

  private months(from: string, to: string): string[] {
    const out: string[] = [];
    for (let m = monthNumber(from); m <= monthNumber(to); m++) out.push(monthOf(m));
    return out;
  }

  /** A target applies where the user can see its area, or where it sits above the user's own area. */
  private applies(node: OrgNode, scope: AccessScope, directory: OrgDirectory): boolean {
    return scope.canSee(node) || scope.area.some((a) => directory.get(a)?.ancestors.includes(node.code) ?? false);
  }

  private targetableMeasure(id: string): MeasureDefinition {
    const measure = findMeasure(id);
    if (!measure) throw badParameter('measure', `measure: there is no measure ${quoteValue(id)}`, { code: 'unknown_measure', value: id });
    if (measure.direction === 'neither') throw badParameter('measure', `measure: ${measure.id} has no better direction, so it cannot have a target`, { code: 'no_better_direction', value: measure.id });
    return measure;
  }

  private item(t: MeasureTarget, directory: OrgDirectory): TargetItem {
    const node = directory.get(t.orgCode);
    return {
      id: t.id,
      measure: t.measure as TargetItem['measure'],
      org: node ? refOf(node) : { code: t.orgCode, name: t.orgCode, level: 'icb' },
      targetRate: t.targetRate,
      targetMonth: t.targetMonth,
      setBy: t.setBy,
      updatedAt: t.updatedAt.toISOString(),
    };
  }
}
