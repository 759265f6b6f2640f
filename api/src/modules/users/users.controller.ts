import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import type { User } from '../../contract/auth.contract';
import { ClientIp, CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators';
import { badParameter } from '../../common/problem';
import { AuditService } from '../audit/audit.service';
import { CreateUserDto } from './dto/create-user.dto';
import { UsersService } from './users.service';

@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list(): Promise<{ users: User[] }> {
    return { users: await this.users.list() };
  }

  @Post()
  async create(@Body() body: CreateUserDto, @CurrentUser() admin: AuthUser, @ClientIp() ip: string): Promise<User> {
    return this.audit.change('user_created', admin, ip, (transaction) => this.users.create(body, transaction), (u) => u.email);
  }

  @Post(':id/disable')
  @HttpCode(200)
  async disable(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badParameter('id', 'id must be a user id (a UUID)') })) id: string, @CurrentUser() admin: AuthUser, @ClientIp() ip: string): Promise<User> {
    return this.audit.change('user_disabled', admin, ip, (transaction) => this.users.disable(id, transaction), (u) => u.email);
  }
}
