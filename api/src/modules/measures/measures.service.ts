import { Inject, Injectable } from '@nestjs/common';
import {
  AREA_DECILES_SQL,
  DEFAULT_DISCLOSURE_POLICY,
  ENGLAND_CODE,
  GROUP_SERIES_SQL,
  LEVEL_CELLS_SQL,
  LEVEL_FUNNELS_SQL,
  MEASURES,
  NATIONAL_DECILES_SQL,
  AREA_LEVELS,
  ORGANISATION_LEVELS,
  PERIOD_TOTALS_SQL,
  PRACTICE_LIST_CELLS_SQL,
  PRACTICE_LIST_DECILES_SQL,
  SERIES_BY_NAME_SQL,
  SERIES_SQL,
  findMeasure,
  isProvisionalMonth,
  type DisclosurePolicy,
  type FunnelFlag,
  type MeasureDefinition,
  type SnapshotRow,
} from '@pcsp/analytics';
import type { CompareResponse, CompareRow, RateChangeValue } from '../../contract/compare.contract';
import type { DecileMonth, DecilesResponse } from '../../contract/deciles.contract';
import type { MeasureList } from '../../contract/measures.contract';
import type { OrganisationLevel, OrganisationRef } from '../../contract/organisations.contract';
import type { SeriesLine, SeriesPoint, SeriesResponse } from '../../contract/series.contract';
import type { SummaryCard, SummaryResponse } from '../../contract/summary.contract';
import type { AuthUser } from '../../common/auth.decorators';
import { badParameter, forbidden, monthWithin, notFound, ProblemException, quoteValue } from '../../common/problem';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { GroupsService, type ResolvedGroup } from '../groups/groups.service';
import type { AccessScope } from '../orgs/access-scope';
import { OrgDirectory, refOf, type OrgNode } from '../orgs/org-directory';
import { OrgsService } from '../orgs/orgs.service';
import { SnapshotService, type SnapshotDescription } from '../snapshot/snapshot.service';
import { compareRanks, rankValue, sortCompareRows } from './compare-rows';
import { BENCHMARKS, type CompareQueryDto } from './dto/compare-query.dto';
import type { DecilesQueryDto } from './dto/deciles-query.dto';
import type { SeriesQueryDto } from './dto/series-query.dto';
import type { SummaryQueryDto } from './dto/summary-query.dto';
import {
  changeOf,
  changeWindows,
  comparisonOf,
  countsOf,
  disclosedFigures,
  figuresOf,
  firstDay,
  funnelAgainst,
  limitsOf,
  monthIndex,
  monthOf,
  ranks,
  storedFigures,
  type Counts,
  type Figures,
} from './figures';

/** An organisation or a group, as the figures see it. */
type Target = { kind: 'org'; node: OrgNode; ref: OrganisationRef } | { kind: 'group'; group: ResolvedGroup; ref: OrganisationRef };

/** At most ten years of months in one answer. */
const MAX_MONTHS = 120;
const GROUP = /^group:/;
const AREA_IDS_CACHED = 1_000;

/** Figures of the measures from the serving snapshot, scoped to the user's area on every request. */
@Injectable()
export class MeasuresService {
  private readonly policy: DisclosurePolicy;
  private readonly areaIdsOf = new Map<string, string>();
  private areaIdsFile = '';

  constructor(
    private readonly snapshot: SnapshotService,
    private readonly orgs: OrgsService,
    private readonly groups: GroupsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = { ...DEFAULT_DISCLOSURE_POLICY, enabled: config.disclosureControl };
  }

  registry(): MeasureList {
    return { measures: MEASURES.map((m) => ({ ...m, breakdowns: [...m.breakdowns] })) };
  }

  async series(user: AuthUser, id: string, query: SeriesQueryDto): Promise<SeriesResponse> {
    const measure = this.measure(id);
    const info = await this.info();
    const { from, to } = this.range(info, query.from, query.to);
    const { target, scope, directory } = await this.target(user, query.org, 'org');
    const dimension = this.dimension(measure, query.breakdown);
    if (dimension !== '' && !(target.kind === 'org' ? scope.canSeeBreakdowns(target.node) : scope.practice === null)) {
      throw forbidden(`breakdown: figures by ${dimension} are available for your own practice only`, { parameter: 'breakdown', code: 'own_practice_only', value: dimension });
    }
    const parent = this.parentOf(target, directory);
    const span = { measure: measure.id, from: firstDay(from), to: firstDay(to), dimension };
    let rows: SnapshotRow[];
    if (target.kind === 'org') {
      const [keys, cells] = await Promise.all([this.snapshot.keys(), this.snapshot.wholeCells()]);
      const codes = [...new Set([target.ref.code, ...(parent ? [parent.code] : []), ENGLAND_CODE])];
      const measureId = keys.id('measure', measure.id);
      // The whole population's lines from memory (see WholePopulationCells); a breakdown's from the snapshot, one read
      // per organisation (see SERIES_SQL), at once on the pool, each cached on its own.
      rows = codes.flatMap((code) =>
        cells.line(measureId, keys.id('org', code), monthIndex(from), monthIndex(to)).map((cell) => ({ ...cell, month: monthOf(cell.month), org: code, breakdown: '' })),
      );
      if (dimension !== '') {
        const [first, last] = keys.dimension(dimension);
        const reads = codes.map(async (code) => {
          const byId = await this.snapshot.query(SERIES_SQL, { measure_id: measureId, level_id: keys.levelOf(code), org: keys.id('org', code), first, last, from: span.from, to: span.to });
          return byId.map((row) => ({ ...row, org: code, breakdown: keys.name('breakdown', row.breakdown_id) }));
        });
        rows.push(...(await Promise.all(reads)).flat());
      }
    } else rows = await this.snapshot.query(GROUP_SERIES_SQL, { ...span, practices: target.group.practices.join(',') });
    const figure = (row: SnapshotRow, breakdown: string): Figures =>
      breakdown !== '' ? disclosedFigures(measure, countsOf(row), this.policy) : figuresOf(measure, countsOf(row));
    const benchmark = new Map<string, number | null>();
    const own = new Map<string, SnapshotRow[]>();
    for (const row of rows) {
      const org = (row.org as string | undefined) ?? target.ref.code;
      const breakdown = String(row.breakdown);
      if (org === target.ref.code) own.set(breakdown, [...(own.get(breakdown) ?? []), row]);
      else benchmark.set(`${org}|${breakdown}|${row.month}`, figure(row, breakdown).rate);
    }
    // GROUP_SERIES_SQL sums practice cells only: the parent's and England's lines come from SERIES_SQL.
    if (target.kind === 'group') {
      const context = await this.snapshot.query(SERIES_BY_NAME_SQL, { ...span, org: '', parent: parent?.code ?? '', england: ENGLAND_CODE });
      for (const row of context) benchmark.set(`${row.org}|${row.breakdown}|${row.month}`, figure(row, String(row.breakdown)).rate);
    }
    const keys = [...own.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en', { numeric: true })));
    const lines: SeriesLine[] = keys.map((breakdown) => ({
      breakdown,
      label: breakdown === '' ? 'All' : breakdown.slice(breakdown.indexOf('=') + 1),
      points: (own.get(breakdown) ?? []).map((row): SeriesPoint => {
        const month = String(row.month);
        return {
          month,
          ...figure(row, breakdown),
          parentRate: parent ? (benchmark.get(`${parent.code}|${breakdown}|${month}`) ?? null) : null,
          englandRate: benchmark.get(`${ENGLAND_CODE}|${breakdown}|${month}`) ?? null,
          ...(isProvisionalMonth(month, info.asOf, measure.followUpDays) ? { provisional: true as const } : {}),
        };
      }),
    }));
    return { measure: measure.id, org: target.ref, parent: parent ? refOf(parent) : null, breakdown: dimension === '' ? null : (dimension as SeriesResponse['breakdown']), from, to, lines };
  }

  async compare(user: AuthUser, id: string, query: CompareQueryDto): Promise<CompareResponse> {
    const measure = this.measure(id);
    const info = await this.info();
    const month = this.month(info, query.month, 'month');
    const scope = await this.orgs.scope(user);
    const within = query.within === undefined ? undefined : (await this.target(user, query.within, 'within')).target;
    if (within?.kind === 'group' && query.level !== 'practice') {
      throw badParameter('level', 'level must be practice when comparing within a group', { code: 'level_not_allowed', value: query.level, levels: ['practice'] });
    }
    // Funnels are drawn against a level above the one compared, within an area above it: anything else has none.
    const height = (level: string) => ORGANISATION_LEVELS.indexOf(level as OrganisationLevel) - ORGANISATION_LEVELS.indexOf(query.level);
    if (height(query.benchmark) <= 0) {
      const allowed = BENCHMARKS.filter((b) => height(b) > 0);
      throw badParameter('benchmark', `benchmark must be a level above ${query.level}: ${allowed.join(' or ')} (got ${quoteValue(query.benchmark)})`, {
        code: 'level_not_allowed',
        value: query.benchmark,
        levels: allowed,
      });
    }
    if (within?.kind === 'org' && height(within.ref.level) < 0) {
      throw badParameter('within', `within must be an area at or above ${query.level} level (got ${quoteValue(within.ref.code)}, a ${within.ref.level})`, {
        code: 'wrong_level',
        value: within.ref.code,
        name: within.ref.name,
        levels: ORGANISATION_LEVELS.filter((level) => height(level) >= 0),
      });
    }
    const area = within ? (within.kind === 'group' ? within.group.practices : [within.ref.code]) : scope.area;
    const keys = await this.snapshot.keys();
    const filter = { measure_id: keys.id('measure', measure.id), level_id: keys.id('level', query.level), whole: keys.id('breakdown', '') };
    const rows = (await this.levelRows(measure.id, month, query.level, query.benchmark)).filter(
      (r) => OrgDirectory.inside(r.node, area) && scope.canSee(r.node) && (!r.closed || query.includeClosed === true),
    );
    let changes: Map<string, ReturnType<typeof changeOf>> | undefined;
    if (query.change) {
      const windows = changeWindows(query.change, month);
      // A period beginning before the snapshot's first month would be summed over fewer months than it names (and a
      // count averaged over months it lacks): it has no figure, so the change has none.
      const totals = async ([start, end]: [string, string]) =>
        start < info.firstMonth
          ? new Map<string, Counts>()
          : new Map((await this.snapshot.query(PERIOD_TOTALS_SQL, { ...filter, from: firstDay(start), to: firstDay(end) })).map((r) => [keys.name('org', r.org_id), countsOf(r)]));
      const [current, previous] = await Promise.all([totals(windows.current), totals(windows.previous)]);
      const period = query.change;
      changes = new Map(rows.map((r) => [r.code, changeOf(measure, period, month, current.get(r.code), previous.get(r.code))]));
    }
    const out: CompareRow[] = rows.map((r) => {
      const f = storedFigures(r.cell);
      const flag = (r.cell.flag as FunnelFlag | null | undefined) ?? null;
      return {
        code: r.code,
        name: r.node.name,
        level: query.level,
        // As the snapshot's organisations table has it: a region's parent is not stored (the directory says England).
        parentCode: r.node.level === 'region' ? null : r.node.parentCode,
        closed: r.closed,
        numerator: f.numerator,
        denominator: f.denominator,
        rate: f.rate,
        ciLow: f.ciLow,
        ciHigh: f.ciHigh,
        limits: limitsOf(r.cell),
        flag,
        comparison: comparisonOf(measure, flag),
        rank: null,
        change: changes?.get(r.code) ?? null,
      };
    });
    compareRanks(measure, out, changes !== undefined).forEach((rank, i) => (out[i].rank = rank));
    sortCompareRows(out, query.sort, measure);
    const benchmarkCodes = new Set(rows.map((r) => r.cell.benchmark_org).filter((c) => c !== null && c !== undefined));
    const benchmarkRates = new Set(rows.map((r) => r.cell.benchmark_rate).filter((c) => c !== null && c !== undefined));
    const benchmarkNode = benchmarkCodes.size === 1 ? (await this.orgs.directory()).get(String([...benchmarkCodes][0])) : undefined;
    return {
      measure: measure.id,
      month,
      level: query.level,
      within: within?.ref ?? null,
      benchmark: { level: query.benchmark, rate: benchmarkRates.size === 1 ? Number([...benchmarkRates][0]) : null, org: benchmarkNode ? refOf(benchmarkNode) : null },
      change: query.change ?? null,
      includeClosed: query.includeClosed === true,
      sort: query.sort,
      ...(isProvisionalMonth(month, info.asOf, measure.followUpDays) ? { provisional: true as const } : {}),
      total: out.length,
      offset: query.offset,
      limit: query.limit,
      rows: out.slice(query.offset, query.offset + query.limit),
    };
  }

  async deciles(user: AuthUser, id: string, query: DecilesQueryDto): Promise<DecilesResponse> {
    const measure = this.measure(id);
    const info = await this.info();
    const { from, to } = this.range(info, query.from, query.to);
    // England's deciles, the default, are of thousands of practices and name none, so every user may have them; an area
    // or a group is checked against the user's scope (403 outside it).
    const within = query.within === undefined || query.within === ENGLAND_CODE ? undefined : (await this.target(user, query.within, 'within')).target;
    if (within?.kind === 'org' && within.node.level === 'practice') {
      throw badParameter('within', `within must be an area or a group of practices to spread deciles over, not a practice (${within.ref.code})`, {
        code: 'wrong_level',
        value: within.ref.code,
        name: within.ref.name,
        levels: [...AREA_LEVELS],
      });
    }
    const org = query.org === undefined ? undefined : (await this.target(user, query.org, 'org')).target;
    const span = { measure: measure.id, from: firstDay(from), to: firstDay(to) };
    const rows =
      within?.kind === 'group'
        ? await this.snapshot.query(PRACTICE_LIST_DECILES_SQL, { ...span, practices: within.group.practices.join(',') })
        : within
          ? await this.areaDeciles(measure, span, [within.ref.code])
          : await this.nationalDeciles(measure, span);
    const orgRates = new Map<string, number | null>();
    if (org) {
      const series = await this.series(user, id, { org: org.ref.code, from, to });
      for (const point of series.lines[0]?.points ?? []) orgRates.set(point.month, measure.unit === 'count' ? point.numerator : point.rate);
    }
    const byMonth = new Map(rows.map((r) => [String(r.month), r]));
    const months: DecileMonth[] = [];
    for (let m = monthIndex(from); m <= monthIndex(to); m++) {
      const month = monthOf(m);
      const row = byMonth.get(month);
      const deciles = row && Array.isArray(row.deciles) ? (row.deciles as unknown[]).map(Number) : [];
      months.push({
        month,
        deciles,
        practices: row ? Number(row.practices) : 0,
        orgRate: orgRates.get(month) ?? null,
        ...(isProvisionalMonth(month, info.asOf, measure.followUpDays) ? { provisional: true as const } : {}),
      });
    }
    const england = within ? undefined : (await this.orgs.directory()).get(ENGLAND_CODE);
    const spreadOver = within?.ref ?? (england ? refOf(england) : { code: ENGLAND_CODE, name: 'England', level: 'england' as const });
    return { measure: measure.id, level: 'practice', within: spreadOver, org: org?.ref ?? null, from, to, months };
  }

  async summary(user: AuthUser, code: string, query: SummaryQueryDto): Promise<SummaryResponse> {
    const info = await this.info();
    const month = this.month(info, query.month, 'month');
    const previous = monthOf(monthIndex(month) - 12);
    const { target, directory } = await this.target(user, code, 'code');
    const parent = this.parentOf(target, directory);
    const context = new Map<string, Counts & { rate: number | null }>();
    const [keys, cells] = await Promise.all([this.snapshot.keys(), this.snapshot.wholeCells()]);
    const at = monthIndex(month);
    const before = monthIndex(previous);
    for (const measure of MEASURES) {
      for (const code of parent ? [parent.code, ENGLAND_CODE] : [ENGLAND_CODE]) {
        const counts = cells.at(keys.id('measure', measure.id), keys.id('org', code), at);
        if (counts) context.set(`${measure.id}|${code}`, { ...counts, rate: figuresOf(measure, counts).rate });
      }
    }
    const cards: SummaryCard[] = [];
    if (target.kind === 'group') {
      const sums = new Map<string, Counts>();
      for (const r of await this.snapshot.query(PRACTICE_LIST_CELLS_SQL, { month: firstDay(month), previous: firstDay(previous), practices: target.group.practices.join(',') })) {
        sums.set(`${r.measure}|${r.month}`, countsOf(r));
      }
      const icb = directory.get(target.group.icbCode);
      for (const measure of MEASURES) {
        const counts = sums.get(`${measure.id}|${month}`);
        const f = counts ? figuresOf(measure, counts) : undefined;
        const funnel = counts ? funnelAgainst(measure, counts, context.get(`${measure.id}|${target.group.icbCode}`)) : { limits: null, flag: null };
        cards.push(this.card(measure, f, context, parent, isProvisionalMonth(month, info.asOf, measure.followUpDays), changeOf(measure, '12m', month, counts, sums.get(`${measure.id}|${previous}`)), {
          within: icb ? refOf(icb) : { code: target.group.icbCode, name: target.group.icbCode, level: 'icb' },
          rank: null,
          of: 0,
          percentile: null,
          flag: funnel.flag,
          comparison: comparisonOf(measure, funnel.flag),
        }));
      }
      return { org: target.ref, month, cards };
    }
    const node = target.node;
    const peerArea = node.level === 'icb' || node.level === 'region' || node.level === 'england' ? '' : (node.icbCode ?? '');
    const withinNode = peerArea === '' ? directory.get(ENGLAND_CODE) : directory.get(peerArea);
    const standing = await this.peerStanding(node.level, peerArea, month);
    const benchmarkLevel = node.level === 'icb' ? 'region' : node.level === 'region' || node.level === 'england' ? 'england' : 'icb';
    const nodeId = keys.id('org', node.code);
    for (const measure of MEASURES) {
      const measureId = keys.id('measure', measure.id);
      const own = cells.at(measureId, nodeId, at);
      const peers = standing.get(measure.id);
      const rank = peers?.ranks.get(nodeId) ?? null;
      const ranked = peers?.of ?? 0;
      const flag = ((await this.funnelsOf(measure.id, month, node.level, benchmarkLevel)).get(node.code)?.flag as FunnelFlag | undefined) ?? null;
      cards.push(this.card(measure, own && figuresOf(measure, own), context, parent, isProvisionalMonth(month, info.asOf, measure.followUpDays), changeOf(measure, '12m', month, own, cells.at(measureId, nodeId, before)), {
        within: withinNode ? refOf(withinNode) : { code: ENGLAND_CODE, name: 'England', level: 'england' },
        rank,
        of: ranked,
        // Share of the other ranked peers this one does as well as or better than.
        percentile: rank === null ? null : ranked <= 1 ? 100 : (100 * (ranked - rank)) / (ranked - 1),
        flag,
        comparison: comparisonOf(measure, flag),
      }));
    }
    return { org: target.ref, month, cards };
  }

  /**
   * Where each organisation of a level inside an area ('' for all of England) ranks among the others with a cell at
   * the month, by measure (competition ranks by the measure's direction; `of`: how many have a rate to rank; a count
   * is not ranked, so none has a rank and `of` is 0: see isRanked). The report card's position among peers; worked
   * out once per snapshot, level, area and month, for all of them.
   */
  private async peerStanding(level: OrganisationLevel, area: string, month: string): Promise<Map<string, { ranks: Map<number, number | null>; of: number }>> {
    return this.snapshot.memo(`standing|${level}|${area}|${month}`, async () => {
      const [keys, directory, cells] = await Promise.all([this.snapshot.keys(), this.orgs.directory(), this.snapshot.wholeCells()]);
      const peers = directory.all.filter((node) => node.level === level && OrgDirectory.inside(node, area === '' ? [] : [area])).map((node) => keys.id('org', node.code));
      const at = monthIndex(month);
      const standing = new Map<string, { ranks: Map<number, number | null>; of: number }>();
      for (const measure of MEASURES) {
        const measureId = keys.id('measure', measure.id);
        const ids: number[] = [];
        const values: (number | null)[] = [];
        for (const id of peers) {
          const counts = cells.at(measureId, id, at);
          if (!counts) continue;
          ids.push(id);
          values.push(rankValue(measure, figuresOf(measure, counts)));
        }
        const rankList = ranks(values, measure.direction);
        standing.set(measure.id, { ranks: new Map(ids.map((id, i) => [id, rankList[i]])), of: values.filter((v) => v !== null).length });
      }
      return standing;
    });
  }

  /**
   * Every organisation of a level at a month with its cell, funnel (against `benchmarkLevel`) and whether it was
   * closed (no patients registered: the denominator of LTC prevalence), in the order of their codes. Read once for
   * all users (see LEVEL_CELLS_SQL) and joined once per snapshot; each comparison filters it by area and scope, so
   * the directory is also the second lock on the same door (the user's own scope).
   */
  private async levelRows(measure: string, month: string, level: OrganisationLevel, benchmarkLevel: string): Promise<{ cell: SnapshotRow; code: string; node: OrgNode; closed: boolean }[]> {
    return this.snapshot.memo(`level|${measure}|${month}|${level}|${benchmarkLevel}`, async () => {
      const [keys, directory] = await Promise.all([this.snapshot.keys(), this.orgs.directory()]);
      const filter = { level_id: keys.id('level', level), whole: keys.id('breakdown', ''), month: firstDay(month) };
      const [cells, registered, funnels] = await Promise.all([
        this.snapshot.query(LEVEL_CELLS_SQL, { ...filter, measure_id: keys.id('measure', measure), unit: keys.unit(measure) }),
        this.snapshot.query(LEVEL_CELLS_SQL, { ...filter, measure_id: keys.id('measure', 'ltc_prevalence'), unit: keys.unit('ltc_prevalence') }),
        this.funnelsOf(measure, month, level, benchmarkLevel),
      ]);
      const patients = new Map(registered.map((r) => [Number(r.org_id), r.denominator === null ? 0 : Number(r.denominator)]));
      const rows: { cell: SnapshotRow; code: string; node: OrgNode; closed: boolean }[] = [];
      // Ids are numbered by level and code, so these rows come in the order of their codes.
      for (const cell of cells) {
        const code = keys.name('org', cell.org_id);
        const node = directory.get(code);
        if (node === undefined) continue;
        const funnel = funnels.get(code);
        rows.push({ cell: funnel ? { ...cell, ...funnel } : cell, code, node, closed: (patients.get(Number(cell.org_id)) ?? 0) === 0 });
      }
      return rows;
    });
  }

  /** The funnel rows of every organisation of a level for one measure and month against a benchmark level, by code; once per snapshot. */
  private async funnelsOf(measure: string, month: string, level: OrganisationLevel, benchmarkLevel: string): Promise<Map<string, SnapshotRow>> {
    return this.snapshot.memo(`funnels|${measure}|${month}|${level}|${benchmarkLevel}`, async () => {
      const rows = await this.snapshot.query(LEVEL_FUNNELS_SQL, { measure, month: firstDay(month), level, benchmark_level: benchmarkLevel });
      return new Map(rows.map((row) => [String(row.org), row]));
    });
  }

  /**
   * England's deciles from the snapshot's precomputed table (as AREA_DECILES_SQL over every practice gives them). It
   * holds no count measure, whose deciles are worked out over every practice here.
   */
  private async nationalDeciles(measure: MeasureDefinition, span: { from: string; to: string }): Promise<SnapshotRow[]> {
    if (measure.unit === 'count') return this.areaDeciles(measure, span, []);
    const keys = await this.snapshot.keys();
    return this.snapshot.query(NATIONAL_DECILES_SQL, {
      measure: measure.id,
      measure_id: keys.id('measure', measure.id),
      practice_level: keys.id('level', 'practice'),
      whole: keys.id('breakdown', ''),
      from: span.from,
      to: span.to,
    });
  }

  private async areaDeciles(measure: MeasureDefinition, span: { from: string; to: string }, area: readonly string[]): Promise<SnapshotRow[]> {
    const keys = await this.snapshot.keys();
    return this.snapshot.query(AREA_DECILES_SQL, {
      measure_id: keys.id('measure', measure.id),
      unit: keys.unit(measure.id),
      practice_level: keys.id('level', 'practice'),
      whole: keys.id('breakdown', ''),
      area_ids: await this.areaIds('practice', area),
      from: span.from,
      to: span.to,
    });
  }

  /**
   * The ids of the organisations of a level inside `area` (codes; [] for all of England), comma-separated
   * for `$area_ids`: '' for all of England, '-1' (no organisation) when none is inside. Worked out once per
   * snapshot, level and area from the directory.
   */
  private async areaIds(level: OrganisationLevel, area: readonly string[]): Promise<string> {
    if (area.length === 0) return '';
    const [keys, directory, info] = await Promise.all([this.snapshot.keys(), this.orgs.directory(), this.info()]);
    if (this.areaIdsFile !== info.file) {
      this.areaIdsOf.clear();
      this.areaIdsFile = info.file;
    }
    const key = `${level}|${area.join(',')}`;
    let ids = this.areaIdsOf.get(key);
    if (ids === undefined) {
      const inside = directory.all.filter((node) => node.level === level && OrgDirectory.inside(node, area)).map((node) => keys.id('org', node.code));
      ids = inside.length === 0 ? '-1' : inside.join(',');
      // A handful of areas are asked for (each user's, and the ICBs within them); the bound only guards memory.
      if (this.areaIdsOf.size >= AREA_IDS_CACHED) this.areaIdsOf.delete(this.areaIdsOf.keys().next().value as string);
      this.areaIdsOf.set(key, ids);
    }
    return ids;
  }

  private card(
    measure: MeasureDefinition,
    f: Figures | undefined,
    context: Map<string, { rate: number | null }>,
    parent: OrgNode | undefined,
    provisional: boolean,
    change: RateChangeValue,
    peers: SummaryCard['peers'],
  ): SummaryCard {
    return {
      measure: measure.id,
      title: measure.title,
      unit: measure.unit,
      direction: measure.direction,
      numerator: f?.numerator ?? null,
      denominator: f?.denominator ?? null,
      rate: f?.rate ?? null,
      ciLow: f?.ciLow ?? null,
      ciHigh: f?.ciHigh ?? null,
      parentRate: parent ? (context.get(`${measure.id}|${parent.code}`)?.rate ?? null) : null,
      englandRate: context.get(`${measure.id}|${ENGLAND_CODE}`)?.rate ?? null,
      change: change.difference === null && change.previousRate === null ? null : change,
      peers,
      ...(provisional ? { provisional: true as const } : {}),
    };
  }

  private measure(id: string): MeasureDefinition {
    const measure = findMeasure(id);
    if (!measure) throw notFound(`id: there is no measure ${quoteValue(id)} (GET /api/measures lists them)`, { parameter: 'id', code: 'unknown_measure', value: id });
    return measure;
  }

  private async info(): Promise<SnapshotDescription> {
    const info = await this.snapshot.describe();
    if (!info) throw new ProblemException(503, 'No analytics snapshot has been built yet: import records and run pcsp refresh.');
    return info;
  }

  private month(info: SnapshotDescription, month: string | undefined, parameter: string): string {
    return month === undefined ? info.lastMonth : monthWithin(info, parameter, month);
  }

  private range(info: SnapshotDescription, from: string | undefined, to: string | undefined): { from: string; to: string } {
    const end = this.month(info, to, 'to');
    const start = from === undefined ? monthOf(Math.max(monthIndex(info.firstMonth), monthIndex(end) - MAX_MONTHS + 1)) : this.month(info, from, 'from');
    if (start > end) throw badParameter('from', `from must not be after to (got from ${quoteValue(start)}, to ${quoteValue(end)})`, { code: 'months_reversed', value: start });
    if (monthIndex(end) - monthIndex(start) + 1 > MAX_MONTHS) {
      throw badParameter('from', `from and to must span at most ${MAX_MONTHS} months`, { code: 'span_too_long', value: start, maxMonths: MAX_MONTHS });
    }
    return { from: start, to: end };
  }

  private dimension(measure: MeasureDefinition, breakdown: string | undefined): string {
    if (breakdown === undefined) return '';
    const allowed: string[] = [...measure.breakdowns, ...(measure.planSplit ? ['plan'] : [])];
    if (!allowed.includes(breakdown)) {
      const list = allowed.length > 0 ? `one of ${allowed.join(', ')}` : 'left out (this measure has no breakdowns)';
      throw badParameter('breakdown', `breakdown must be ${list} for ${measure.id} (got ${quoteValue(breakdown)})`, { code: 'unknown_breakdown', value: breakdown, allowed });
    }
    return breakdown;
  }

  private async target(user: AuthUser, code: string, parameter: string): Promise<{ target: Target; scope: AccessScope; directory: OrgDirectory }> {
    if (GROUP.test(code)) {
      const group = await this.groups.resolve(user, code, parameter);
      return { target: { kind: 'group', group, ref: { code: group.code, name: group.name, level: 'group' } }, scope: await this.orgs.scope(user), directory: await this.orgs.directory() };
    }
    const { node, scope, directory } = await this.orgs.resolve(user, code, parameter);
    return { target: { kind: 'org', node, ref: refOf(node) }, scope, directory };
  }

  /** The organisation a target's rate is shown beside: the ICB for anything below it and for groups; above, the next level up. */
  private parentOf(target: Target, directory: OrgDirectory): OrgNode | undefined {
    if (target.kind === 'group') return directory.get(target.group.icbCode);
    const node = target.node;
    if (node.level === 'england') return undefined;
    if (node.level === 'region') return directory.get(ENGLAND_CODE);
    if (node.level === 'icb') return node.parentCode ? directory.get(node.parentCode) : undefined;
    return node.icbCode ? directory.get(node.icbCode) : undefined;
  }
}
