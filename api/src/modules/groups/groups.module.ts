import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module';
import { GroupsController } from './groups.controller';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';

@Module({ imports: [OrgsModule], controllers: [GroupsController], providers: [GroupsService, GroupsRepository], exports: [GroupsService] })
export class GroupsModule {}
