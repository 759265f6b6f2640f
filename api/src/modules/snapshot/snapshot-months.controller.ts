import { Controller, Get } from '@nestjs/common';
import type { SnapshotMonthsResponse } from '../../contract/snapshot-months.contract';
import { SnapshotMonthsService } from './snapshot-months.service';

/** Every signed-in user's month lists read this (practice leads too: unlike GET /api/snapshot, it says nothing of imports or refreshes). */
@Controller('snapshot/months')
export class SnapshotMonthsController {
  constructor(private readonly months: SnapshotMonthsService) {}

  @Get()
  list(): Promise<SnapshotMonthsResponse> {
    return this.months.months();
  }
}
