import { Injectable } from '@nestjs/common';
import { formatMonth, isProvisionalMonth, MEASURES, parseMonth, type MeasureDefinition } from '@pcsp/analytics';
import type { SnapshotMonthsResponse } from '../../contract/snapshot-months.contract';
import { SnapshotService, type SnapshotDescription } from './snapshot.service';

/** The months of a snapshot, newest first, with those provisional (isProvisionalMonth as of its asOf) for some of `measures`. */
export function snapshotMonths(
  snapshot: Pick<SnapshotDescription, 'firstMonth' | 'lastMonth' | 'asOf'> | undefined,
  measures: readonly Pick<MeasureDefinition, 'id' | 'followUpDays'>[],
): SnapshotMonthsResponse {
  if (!snapshot) return { months: [], provisional: [] };
  const months: string[] = [];
  for (let m = parseMonth(snapshot.lastMonth, 'lastMonth'); m >= parseMonth(snapshot.firstMonth, 'firstMonth'); m--) months.push(formatMonth(m));
  const provisional = months
    .map((month) => ({ month, measures: measures.filter((measure) => isProvisionalMonth(month, snapshot.asOf, measure.followUpDays)).map((measure) => measure.id) }))
    .filter((entry) => entry.measures.length > 0);
  return { months, provisional };
}

/** `GET /api/snapshot/months`: the serving snapshot's months, and which are provisional for which measures of the registry. */
@Injectable()
export class SnapshotMonthsService {
  constructor(private readonly snapshots: SnapshotService) {}

  async months(): Promise<SnapshotMonthsResponse> {
    return snapshotMonths(await this.snapshots.describe(), MEASURES);
  }
}
