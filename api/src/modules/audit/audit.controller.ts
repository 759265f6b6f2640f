import { Controller, Get, Query } from '@nestjs/common';
import type { AuditList } from '../../contract/audit.contract';
import { Roles } from '../../common/auth.decorators';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@Controller('audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQueryDto): Promise<AuditList> {
    return this.audit.list(query);
  }
}
