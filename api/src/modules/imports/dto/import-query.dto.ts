import { IsIn, IsOptional } from 'class-validator';
import { PageLimit, PageOffset } from '../../../common/page-query.decorators';

/** `GET /api/imports?limit=`: the latest jobs, newest first. */
export class ImportListQueryDto {
  @PageLimit(100)
  limit = 20;
}

/** `GET /api/imports/:id?offset=&limit=&severity=`: one page of a job's errors and warnings. */
export class ImportIssuesQueryDto {
  @PageOffset()
  offset = 0;

  @PageLimit(1000)
  limit = 100;

  @IsOptional()
  @IsIn(['error', 'warning'], { message: 'severity must be error or warning' })
  severity?: 'error' | 'warning';
}
