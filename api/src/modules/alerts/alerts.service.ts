import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  MEASURES,
  PRACTICE_ALERT_MONTHS_SQL,
  findMeasure,
  latestFinalMonth,
  monthNumber,
  practiceAlert,
  type AlertMonth,
} from '@pcsp/analytics';
import type { AlertItem, AlertList, AlertReason } from '../../contract/alerts.contract';
import type { MeasureId } from '../../contract/measures.contract';
import type { Role } from '../../contract/auth.contract';
import type { AuthUser } from '../../common/auth.decorators';
import { ProblemException } from '../../common/problem';
import { accessScope } from '../orgs/access-scope';
import { OrgDirectory, refOf } from '../orgs/org-directory';
import { OrgsService } from '../orgs/orgs.service';
import { SnapshotService, type SnapshotDescription } from '../snapshot/snapshot.service';

/** Months of rates read per practice: the XmR chart's baseline; the first-time look-back is the last 12 of them. */
const HISTORY_MONTHS = 24;

const monthOf = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;

/** Which alerts a list keeps: of one measure, with one reason among theirs (each optional). */
export interface AlertFilter {
  measure?: MeasureId;
  reason?: AlertReason;
}

/** One month of a practice's measure as PRACTICE_ALERT_MONTHS_SQL gives it. */
interface PracticeMonth {
  measureId: number;
  orgId: number;
  monthIndex: number;
  rate: number;
  benchmarkRate: number | null;
  low998: number | null;
  high998: number | null;
  /** Beyond the 99.8% limit above (the funnels view's flag `higher`), or below (`lower`). */
  above: boolean;
  below: boolean;
}

/** Every practice alert of the snapshot's latest month. */
interface SnapshotAlerts {
  month: string;
  alerts: AlertItem[];
  /** The month each measure is judged at: `month`, or its latest final month where `month` is provisional for it. */
  judgedMonths?: ReadonlyMap<string, string>;
}

/** Where an alert comes in the list by its reasons: both, then the first time beyond the limit, then deterioration only. */
const urgency = (a: AlertItem): number => (a.reasons.length === 2 ? 0 : a.reasons[0] === 'outside_limit_first_time' ? 1 : 2);

/** Practice name, code, then measure: the digest's order, and the dashboard's within one urgency. */
export const byPractice = (a: AlertItem, b: AlertItem): number =>
  a.practice.name.localeCompare(b.practice.name) || a.practice.code.localeCompare(b.practice.code) || a.measure.localeCompare(b.measure);

/** The dashboard's order (see AlertList): most urgent first. */
export const byUrgency = (a: AlertItem, b: AlertItem): number => urgency(a) - urgency(b) || byPractice(a, b);

/**
 * Practices whose measure needs attention in the latest month, worked out once per snapshot (in the order AlertList describes)
 * and filtered by area. The server works them out as it starts and as soon as a refresh it runs publishes a snapshot: at
 * national size that takes seconds (every practice's 24 months of every measure), which should not fall on the first
 * person to open the overview.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertsService.name);
  private cached: { file: string; alerts: Promise<SnapshotAlerts> } | undefined;

  constructor(
    private readonly snapshot: SnapshotService,
    private readonly orgs: OrgsService,
  ) {}

  /**
   * Only in the server (the CLI builds this service itself and never calls this): not awaited, so startup does not wait;
   * and again for each snapshot a refresh in this process publishes (see SnapshotService.published).
   */
  onApplicationBootstrap(): void {
    // After the whole-population cells, which every page's figures come from: both at once made the first pages wait.
    const cells = this.snapshot.describe().then((info) => (info ? this.snapshot.wholeCells() : undefined));
    cells.catch(() => undefined).then(() => this.all()).catch((error: unknown) => {
      // No snapshot yet is normal on a new installation; the first request reports it.
      if (!(error instanceof ProblemException)) this.logger.warn(`alerts not worked out ahead: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.snapshot.workAheadOnPublish('alerts', () => this.all());
  }

  /**
   * One page of the alerts for practices inside `area` (default: the user's whole area) that the user may see, of the
   * filter's measure and with its reason among theirs where given.
   */
  async list(user: AuthUser, area: string | undefined, page: { limit: number; offset: number }, filter: AlertFilter = {}): Promise<AlertList> {
    const all = await this.all();
    const directory = await this.orgs.directory();
    const scope = accessScope(user, directory);
    const within = area === undefined ? undefined : (await this.orgs.resolve(user, area, 'area')).node;
    const alerts = all.alerts.filter((a) => {
      const node = directory.get(a.practice.code);
      return (
        node !== undefined &&
        scope.canSee(node) &&
        (within === undefined || OrgDirectory.inside(node, [within.code])) &&
        (filter.measure === undefined || a.measure === filter.measure) &&
        (filter.reason === undefined || a.reasons.includes(filter.reason))
      );
    });
    return {
      month: all.month,
      // One measure's alerts are all of the month it is judged at (plan_shared's latest final month).
      judgedMonth: (filter.measure && all.judgedMonths?.get(filter.measure)) || all.month,
      area: within ? refOf(within) : null,
      measure: filter.measure ?? null,
      reason: filter.reason ?? null,
      total: alerts.length,
      limit: page.limit,
      offset: page.offset,
      alerts: alerts.slice(page.offset, page.offset + page.limit),
    };
  }

  /**
   * The alerts a user's digest holds: practices inside their area (a practice user: their own
   * practice only). Administrators have no area of their own and get no digest.
   */
  async forRecipient(user: { role: Role; areas: string[] }): Promise<SnapshotAlerts> {
    const all = await this.all();
    if (user.role === 'admin' || user.areas.length === 0) return { month: all.month, alerts: [] };
    const directory = await this.orgs.directory();
    const area = user.role === 'practice' ? [user.areas[0]] : user.areas;
    // The email lists practice by practice in name order, not in the dashboard's order of urgency.
    const alerts = all.alerts.filter((a) => {
      const node = directory.get(a.practice.code);
      return node !== undefined && OrgDirectory.inside(node, area);
    });
    return { month: all.month, alerts: alerts.sort(byPractice) };
  }

  private async all(): Promise<SnapshotAlerts> {
    const info = await this.snapshot.describe();
    if (!info) throw new ProblemException(503, 'No analytics snapshot has been built yet: import records and run pcsp refresh.');
    if (this.cached?.file !== info.file) {
      const alerts = this.compute(info);
      this.cached = { file: info.file, alerts };
      alerts.catch(() => {
        if (this.cached?.alerts === alerts) this.cached = undefined;
      });
    }
    return this.cached.alerts;
  }

  /**
   * Each measure is judged at its latest final month: the snapshot's last month, or for a measure whose last month is
   * still provisional (isProvisionalMonth: plan_shared in the 28 days after M), the month before it that is final, on
   * the 24 months up to it. A provisional figure is low only because records are still to come; judging it raised
   * false alerts at every refresh, and skipping the measure would leave it unwatched.
   */
  private async compute(info: SnapshotDescription): Promise<SnapshotAlerts> {
    const { lastMonth, asOf } = info;
    const judgedMonth = new Map<string, string>(MEASURES.map((m) => [m.id, latestFinalMonth(lastMonth, asOf, m.followUpDays)]));
    const from = monthOf(Math.min(...[...judgedMonth.values()].map(monthNumber)) - HISTORY_MONTHS + 1);
    const directory = await this.orgs.directory();
    // The rows name measures and practices by the snapshot's ids (PRACTICE_ALERT_MONTHS_SQL says why).
    const keys = await this.snapshot.keys();
    const alerts: AlertItem[] = [];
    const monthTexts = new Map<number, string>();
    const monthText = (index: number): string => {
      let text = monthTexts.get(index);
      if (text === undefined) monthTexts.set(index, (text = monthOf(index)));
      return text;
    };
    const judge = (history: PracticeMonth[]): void => {
      const measure = findMeasure(keys.name('measure', history[0].measureId));
      const node = directory.get(keys.name('org', history[0].orgId));
      const judged = measure && judgedMonth.get(measure.id);
      if (!measure || !node || judged === undefined || measure.direction === 'neither') return;
      const worse = measure.direction === 'higher_is_better' ? 'below' : 'above';
      const judgedIndex = monthNumber(judged);
      const first = judgedIndex - HISTORY_MONTHS + 1;
      const months: AlertMonth[] = history
        .filter((r) => r.monthIndex >= first)
        // Every month after the latest final one is provisional (latestFinalMonth).
        .map((r) => ({ month: monthText(r.monthIndex), rate: r.rate, worseThanLimit: r[worse], provisional: r.monthIndex > judgedIndex }));
      const finding = practiceAlert(months, measure.direction);
      // A practice with no figure in the month judged (closed, or no plans in its window) is not judged on an older one.
      const row = history.find((r) => r.monthIndex === judgedIndex);
      if (finding.month !== judged || !row || finding.reasons.length === 0) return;
      alerts.push({
        practice: refOf(node),
        icbCode: node.icbCode,
        measure: measure.id,
        title: measure.title,
        unit: measure.unit,
        month: judged,
        rate: row.rate,
        benchmarkRate: row.benchmarkRate,
        limit: measure.direction === 'higher_is_better' ? row.low998 : row.high998,
        reasons: finding.reasons,
        spcRules: finding.spcRules,
      });
    };
    // At national size this is about 1.4 million rows (every practice's months of every measure): read chunk by chunk
    // and judged one practice's measure at a time (the rows come ordered by measure, practice and month), so that
    // neither the rows nor their conversion hold the server up.
    let history: PracticeMonth[] = [];
    const number = (value: unknown): number | null => (value === null ? null : Number(value));
    await this.snapshot.scanChunks(PRACTICE_ALERT_MONTHS_SQL, { from: `${from}-01`, to: `${lastMonth}-01` }, (chunk) => {
      const [measures, orgs, monthIndices, rates, benchmarkRates, lows, highs, above, below] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
        chunk.getColumnVector(i),
      );
      for (let i = 0; i < chunk.rowCount; i++) {
        const measureId = Number(measures.getItem(i));
        const orgId = Number(orgs.getItem(i));
        const first = history[0];
        if (first !== undefined && (first.measureId !== measureId || first.orgId !== orgId)) {
          judge(history);
          history = [];
        }
        history.push({
          measureId,
          orgId,
          monthIndex: Number(monthIndices.getItem(i)),
          rate: Number(rates.getItem(i)),
          benchmarkRate: number(benchmarkRates.getItem(i)),
          low998: number(lows.getItem(i)),
          high998: number(highs.getItem(i)),
          above: above.getItem(i) === true,
          below: below.getItem(i) === true,
        });
      }
    });
    if (history.length > 0) judge(history);
    // The ids name what they did in the snapshot read only while it still serves: if a refresh swapped it meanwhile,
    // work out the new one's alerts (this promise is the old one's, so its callers get the new answer).
    if ((await this.snapshot.describe())?.file !== info.file) return this.all();
    alerts.sort(byUrgency);
    return { month: lastMonth, alerts, judgedMonths: judgedMonth };
  }
}
