import { Inject, Injectable } from '@nestjs/common';
import {
  AGE_BANDS,
  AREA_LEVELS,
  DEFAULT_DISCLOSURE_POLICY,
  discloseCell,
  type DisclosedCell,
  discloseShare,
  discloseStrata,
  type DisclosurePolicy,
  ENGLAND_CODE,
  OUTCOME_STRATA_SERIES_SQL,
  OUTCOME_STRATA_SQL,
  type SnapshotRow,
  PRACTICE_COVERAGE_SQL,
  PRACTICE_TRAINING_SQL,
  STANDARDISED_OUTCOMES,
  comparePlanOutcomes,
  evaluateTraining,
  findMeasure,
  formatMonth,
  type Estimate,
} from '@pcsp/analytics';
import type { OrganisationRef } from '../../contract/organisations.contract';
import type {
  PooledValue,
  StandardisedGroupValue,
  StandardisedOutcomesResponse,
  StandardisedOutcomesTrendResponse,
  TrainingEvaluationResponse,
} from '../../contract/evaluation.contract';
import type { AuthUser } from '../../common/auth.decorators';
import { badParameter, forbidden, monthWithin, ProblemException, quoteValue } from '../../common/problem';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { refOf, type OrgNode } from '../orgs/org-directory';
import { OrgsService } from '../orgs/orgs.service';
import { SnapshotService, type SnapshotDescription } from '../snapshot/snapshot.service';

const STANDARDISED_METHOD =
  'Directly standardised for age band, sex and LTC count to the standard area’s LTC population; 95% intervals by Dobson’s method with Byar’s limits (Fingertips), none below 10 events.';
const monthIndexOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const estimate = (e: Estimate) => ({ estimate: e.estimate, standardError: e.standardError, low: e.low, high: e.high });
const pooled = (e: (Estimate & { units: number; tau2?: number; replicates?: number }) | null): PooledValue | null =>
  e ? { ...estimate(e), units: e.units, ...(e.tau2 !== undefined ? { tau2: e.tau2 } : {}), ...(e.replicates !== undefined ? { replicates: e.replicates } : {}) } : null;

/** The training evaluation and the standardised outcome comparison, scoped to the user's area. */
@Injectable()
export class EvaluationService {
  private readonly policy: DisclosurePolicy;

  constructor(
    private readonly snapshot: SnapshotService,
    private readonly orgs: OrgsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = { ...DEFAULT_DISCLOSURE_POLICY, enabled: config.disclosureControl };
  }

  async training(user: AuthUser, areaCode: string | undefined): Promise<TrainingEvaluationResponse> {
    await this.info();
    const scope = await this.orgs.scope(user);
    const directory = await this.orgs.directory();
    let area: OrganisationRef;
    let codes: string[];
    if (areaCode !== undefined) {
      const { node } = await this.orgs.resolve(user, areaCode, 'area');
      if (node.level === 'practice') {
        throw badParameter('area', `area must be a PCN or larger: training is compared across practices (got ${quoteValue(areaCode)})`, {
          code: 'wrong_level',
          value: node.code,
          name: node.name,
          levels: [...AREA_LEVELS],
        });
      }
      area = refOf(node);
      codes = node.code === ENGLAND_CODE ? [] : [node.code];
    } else {
      codes = scope.area;
      const only = codes.length === 1 ? directory.get(codes[0]) : codes.length === 0 ? directory.get(ENGLAND_CODE) : undefined;
      area = only ? refOf(only) : { code: codes.join(','), name: 'Your area', level: 'group' };
    }
    const filter = { area: codes.join(',') };
    const canSee = (code: string) => {
      const node = directory.get(code);
      return node !== undefined && scope.canSee(node);
    };
    const cells = (await this.snapshot.query(PRACTICE_COVERAGE_SQL, filter))
      .filter((r) => canSee(String(r.practice)))
      .map((r) => ({ practice: String(r.practice), monthIndex: Number(r.month_index), numerator: Number(r.numerator), denominator: Number(r.denominator) }));
    const trainingRows = (await this.snapshot.query(PRACTICE_TRAINING_SQL, filter)).filter((r) => canSee(String(r.practice_code)));
    const firstDate = new Map<string, string>();
    for (const r of trainingRows) {
      const code = String(r.practice_code);
      const date = String(r.trained_on);
      if (!firstDate.has(code) || date < (firstDate.get(code) ?? '')) firstDate.set(code, date);
    }
    const result = evaluateTraining(
      cells,
      [...firstDate].map(([practice, date]) => ({ practice, monthIndex: monthIndexOf(date) })),
    );
    return {
      area,
      measure: 'plan_coverage',
      practices: new Set(cells.map((c) => c.practice)).size,
      trainedPractices: firstDate.size,
      pooled: {
        levelChange: pooled(result.pooled.levelChange),
        slopeChange: pooled(result.pooled.slopeChange),
        effectAt12: pooled(result.pooled.effectAt12),
        differenceInDifferences: pooled(result.pooled.differenceInDifferences),
      },
      eventTime: result.eventTime,
      trained: result.practices.map((p) => {
        const node = directory.get(p.practice);
        return {
          practice: node ? refOf(node) : { code: p.practice, name: p.practice, level: 'practice' },
          trainedOn: firstDate.get(p.practice) ?? '',
          trainingMonth: formatMonth(p.trainingMonthIndex),
          timeSeries: p.timeSeries && {
            months: p.timeSeries.months,
            slopeBefore: estimate(p.timeSeries.slopeBefore),
            levelChange: estimate(p.timeSeries.levelChange),
            slopeChange: estimate(p.timeSeries.slopeChange),
            effectAt12: estimate(p.timeSeries.effectAt12),
          },
          differenceInDifferences: p.differenceInDifferences && { ...p.differenceInDifferences, effect: estimate(p.differenceInDifferences.effect) },
        };
      }),
    };
  }

  async standardised(user: AuthUser, code: string, month: string | undefined): Promise<StandardisedOutcomesResponse> {
    const info = await this.info();
    const at = monthWithin(info, 'month', month ?? info.lastMonth);
    const { node, standard } = await this.standardisedSubject(user, code);
    const rows = await this.snapshot.query(OUTCOME_STRATA_SQL, { month: `${at}-01`, org: node.code, standard: standard.code });
    return {
      org: refOf(node),
      standard,
      month: at,
      method: STANDARDISED_METHOD,
      outcomes: STANDARDISED_OUTCOMES.map((id) => {
        const { measure, ...comparison } = this.comparePlanGroups(id, rows);
        return { measure: measure.id, title: measure.title, unit: measure.unit, direction: measure.direction, ...comparison };
      }),
    };
  }

  /**
   * The same comparison month by month, from `from` to `to` (by default the 12 months to the latest,
   * or fewer where the snapshot is shorter): each month standardised to that month's standard population.
   */
  async standardisedTrend(user: AuthUser, code: string, from: string | undefined, to: string | undefined): Promise<StandardisedOutcomesTrendResponse> {
    const info = await this.info();
    const last = monthWithin(info, 'to', to ?? info.lastMonth);
    const first = monthWithin(info, 'from', from ?? formatMonth(Math.max(monthIndexOf(info.firstMonth), monthIndexOf(last) - 11)));
    if (first > last) throw badParameter('from', `from must not be after to (got from ${first}, to ${last})`);
    const { node, standard } = await this.standardisedSubject(user, code);
    const rows = await this.snapshot.query(OUTCOME_STRATA_SERIES_SQL, { from: `${first}-01`, to: `${last}-01`, org: node.code, standard: standard.code });
    const byMonth = new Map<string, SnapshotRow[]>();
    for (const r of rows) byMonth.set(String(r.month), [...(byMonth.get(String(r.month)) ?? []), r]);
    const months: string[] = [];
    for (let m = monthIndexOf(first); m <= monthIndexOf(last); m++) months.push(formatMonth(m));
    return {
      org: refOf(node),
      standard,
      from: first,
      to: last,
      method: STANDARDISED_METHOD,
      outcomes: STANDARDISED_OUTCOMES.map((id) => {
        const measure = this.outcomeMeasure(id);
        return {
          measure: measure.id,
          title: measure.title,
          unit: measure.unit,
          direction: measure.direction,
          points: months.map((month) => {
            const { measure: _measure, ...comparison } = this.comparePlanGroups(id, byMonth.get(month) ?? []);
            return { month, ...comparison };
          }),
        };
      }),
    };
  }

  /** The organisation whose plan groups are compared, checked against the user's scope, and the area that is its standard. */
  private async standardisedSubject(user: AuthUser, code: string): Promise<{ node: OrgNode; standard: OrganisationRef }> {
    const { node, directory, scope } = await this.orgs.resolve(user, code, 'org');
    if (!scope.canSeeBreakdowns(node)) throw forbidden('org: figures split by plan are available for your own practice only', { parameter: 'org', code: 'own_practice_only', value: 'plan' });
    // The standard is the ICB's LTC population (England's above ICB level), so that an ICB's practices share one standard.
    const standardNode: OrgNode | undefined = node.icbCode ? directory.get(node.icbCode) : directory.get(ENGLAND_CODE);
    return { node, standard: standardNode ? refOf(standardNode) : { code: ENGLAND_CODE, name: 'England', level: 'england' } };
  }

  private outcomeMeasure(id: string) {
    const measure = findMeasure(id);
    if (!measure) throw new Error(`measure ${id} is not in the registry`);
    return measure;
  }

  /** One outcome's plan groups from its strata rows (one month's), crude and standardised, with disclosure control. */
  private comparePlanGroups(id: string, rows: readonly SnapshotRow[]) {
    const measure = this.outcomeMeasure(id);
    const own = rows.filter((r) => r.measure === id);
    const per = measure.unit === 'per 1,000' ? 1000 : 100;
    const strata = own.map((r) => ({
      stratum: `${r.sex}|${AGE_BANDS[Number(r.age_band)]}|${r.ltc_count}`,
      plan: r.plan === true,
      events: Number(r.events),
      people: Number(r.people),
      standard: Number(r.standard),
    }));
    const standardTotal = Number(own[0]?.standard_total ?? 0);
    const options = { proportion: measure.unit === '%' };
    // Each plan group is a breakdown (measures.md, Disclosure control): its crude rate is computed from its rounded
    // counts, and its standardised rate and interval from rounded strata (discloseStrata): from exact strata the
    // interval would give the group's exact events, and, differenced with another organisation's or the whole total,
    // a suppressed group's. Where either group's events or people are suppressed, both are hidden: the organisation's
    // unrounded total less the one shown would bound the other.
    const exact = comparePlanOutcomes(strata, standardTotal, per, options);
    const standardised = comparePlanOutcomes(discloseStrata(strata, this.policy), standardTotal, per, options);
    type Group = ReturnType<typeof comparePlanOutcomes>['withPlan'];
    const crude = (g: Group) => discloseCell({ numerator: g.crude.events, denominator: g.crude.people }, true, this.policy, per);
    const cells = [crude(exact.withPlan), crude(exact.withoutPlan)];
    const hidden = cells.some((c) => c.numerator.suppressed || c.denominator?.suppressed === true);
    const group = (g: Group, cell: DisclosedCell): StandardisedGroupValue =>
      hidden
        ? { crudeRate: null, rate: null, low: null, high: null, suppressed: true }
        : { crudeRate: cell.rate?.value ?? null, rate: g.standardised?.rate ?? null, low: g.standardised?.low ?? null, high: g.standardised?.high ?? null, suppressed: false };
    return {
      measure,
      withPlan: group(standardised.withPlan, cells[0]!),
      withoutPlan: group(standardised.withoutPlan, cells[1]!),
      strata: standardised.strata,
      // The share times the standard's unrounded LTC population would otherwise count its people in the strata used.
      standardCovered: discloseShare(standardised.standardCovered, this.policy),
    };
  }

  private async info(): Promise<SnapshotDescription> {
    const info = await this.snapshot.describe();
    if (!info) throw new ProblemException(503, 'No analytics snapshot has been built yet: import records and run pcsp refresh.');
    return info;
  }
}
