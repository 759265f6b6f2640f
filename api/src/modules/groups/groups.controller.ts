import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import type { Group, GroupList } from '../../contract/groups.contract';
import { CurrentUser, type AuthUser } from '../../common/auth.decorators';
import { badParameter } from '../../common/problem';
import { CreateGroupDto, UpdateGroupDto } from './dto/create-group.dto';
import { GroupsService } from './groups.service';

@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<GroupList> {
    return this.groups.list(user);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateGroupDto): Promise<Group> {
    return this.groups.create(user, body);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => badParameter('id', 'id must be a group number') })) id: number,
    @Body() body: UpdateGroupDto,
  ): Promise<Group> {
    return this.groups.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', new ParseIntPipe({ exceptionFactory: () => badParameter('id', 'id must be a group number') })) id: number): Promise<void> {
    return this.groups.remove(user, id);
  }
}
