import { Injectable } from '@nestjs/common';
import type { Group, GroupList } from '../../contract/groups.contract';
import type { AuthUser } from '../../common/auth.decorators';
import { badParameter, forbidden, notFound, quoteValue } from '../../common/problem';
import type { AccessScope } from '../orgs/access-scope';
import type { OrgDirectory } from '../orgs/org-directory';
import { refOf } from '../orgs/org-directory';
import { OrgsService } from '../orgs/orgs.service';
import type { CreateGroupDto, UpdateGroupDto } from './dto/create-group.dto';
import type { PracticeGroup } from './practice-group.entity';
import { GroupsRepository } from './groups.repository';

export const GROUP_CODE = /^group:([1-9][0-9]{0,8})$/;

/** A group as the figures need it: its code, name, practices and ICB. */
export interface ResolvedGroup {
  code: string;
  name: string;
  practices: string[];
  icbCode: string;
}

/**
 * Named groups of practices of one ICB. Visible to the owner, and to everyone whose area holds all
 * its practices when shared.
 */
@Injectable()
export class GroupsService {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly orgs: OrgsService,
  ) {}

  async create(user: AuthUser, request: CreateGroupDto): Promise<Group> {
    const directory = await this.orgs.directory();
    const icbCode = await this.icbOfPractices(user, request.practices, directory);
    const saved = await this.groups.create({ name: request.name.trim(), ownerId: user.id, shared: request.shared ?? false, icbCode, practices: request.practices });
    return this.describe(saved, directory);
  }

  /** Changes the name, practices or sharing of a group: its owner only, with the rules of a new group. */
  async update(user: AuthUser, id: number, request: UpdateGroupDto): Promise<Group> {
    const { row } = await this.find(user, `group:${id}`, 'id');
    if (row.ownerId !== user.id) throw forbidden('Only the owner of a group may change it.');
    const directory = await this.orgs.directory();
    const changes: Partial<Pick<PracticeGroup, 'name' | 'shared' | 'icbCode' | 'practices'>> = {};
    if (request.name !== undefined) changes.name = request.name.trim();
    if (request.practices !== undefined) {
      changes.icbCode = await this.icbOfPractices(user, request.practices, directory);
      changes.practices = request.practices;
    }
    if (request.shared !== undefined) changes.shared = request.shared;
    const saved = await this.groups.update(id, changes);
    if (!saved) throw notFound(`id: there is no group group:${id}`, { parameter: 'id', code: 'unknown_group', value: `group:${id}` });
    return this.describe(saved, directory);
  }

  /** The one ICB of a list of practices the user can see; a 400 or 403 naming the first that is not. */
  private async icbOfPractices(user: AuthUser, practices: string[], directory: OrgDirectory): Promise<string> {
    const scope = await this.orgs.scope(user);
    const icbs = new Set<string>();
    practices.forEach((code, index) => {
      const node = directory.get(code);
      const parameter = `practices[${index}]`;
      if (!node || node.level !== 'practice') throw badParameter(parameter, `${parameter}: no practice has the code ${code}`, { code: 'unknown_practice', value: code });
      if (!scope.canSee(node)) throw forbidden(`${parameter}: ${code} (${node.name}) is outside your area`, { parameter, code: 'outside_area', value: code, name: node.name });
      icbs.add(node.icbCode ?? '');
    });
    if (icbs.size !== 1) throw badParameter('practices', 'practices must all belong to one ICB', { code: 'one_icb' });
    return [...icbs][0];
  }

  async list(user: AuthUser): Promise<GroupList> {
    const directory = await this.orgs.directory();
    const scope = await this.orgs.scope(user);
    const rows = await this.groups.visibleTo(user.id, scope.area.length === 0 ? 'all' : this.icbsOf(scope, directory));
    return { groups: rows.filter((g) => this.visible(g, user, scope, directory)).map((g) => this.describe(g, directory)) };
  }

  async remove(user: AuthUser, id: number): Promise<void> {
    const group = await this.find(user, `group:${id}`, 'id');
    if (group.row.ownerId !== user.id && user.role !== 'admin') throw forbidden('Only the owner of a group (or an admin) may delete it.');
    await this.groups.remove(id);
  }

  /** The group `code` given as `parameter`: 404 if there is none the user may know of, 403 if shared but outside their area. */
  async resolve(user: AuthUser, code: string, parameter: string): Promise<ResolvedGroup> {
    const { row } = await this.find(user, code, parameter);
    return { code: `group:${row.id}`, name: row.name, practices: [...row.practices], icbCode: row.icbCode };
  }

  private async find(user: AuthUser, code: string, parameter: string): Promise<{ row: PracticeGroup }> {
    const match = GROUP_CODE.exec(code);
    if (!match) throw badParameter(parameter, `${parameter} must be a group (group:<number>) (got ${quoteValue(code)})`, { code: 'not_an_organisation_code', value: code });
    const row = await this.groups.findById(Number(match[1]));
    if (!row || (row.ownerId !== user.id && !row.shared && user.role !== 'admin')) throw notFound(`${parameter}: there is no group ${code}`, { parameter, code: 'unknown_group', value: code });
    const directory = await this.orgs.directory();
    const scope = await this.orgs.scope(user);
    if (!this.visible(row, user, scope, directory)) throw forbidden(`${parameter}: ${code} (${row.name}) holds practices outside your area`, { parameter, code: 'group_outside_area', value: code, name: row.name });
    return { row };
  }

  private visible(group: PracticeGroup, user: AuthUser, scope: AccessScope, directory: OrgDirectory): boolean {
    if (user.role === 'admin') return true;
    return group.practices.every((code) => {
      const node = directory.get(code);
      return node !== undefined && scope.canSee(node);
    });
  }

  private icbsOf(scope: AccessScope, directory: OrgDirectory): string[] {
    const icbs = new Set<string>();
    for (const code of scope.area) {
      const node = directory.get(code);
      if (!node) continue;
      if (node.icbCode) icbs.add(node.icbCode);
      else for (const child of directory.all) if (child.level === 'icb' && child.ancestors.includes(node.code)) icbs.add(child.code);
    }
    return [...icbs];
  }

  private describe(group: PracticeGroup, directory: OrgDirectory): Group {
    return {
      id: group.id,
      code: `group:${group.id}`,
      name: group.name,
      practices: group.practices.map((code) => {
        const node = directory.get(code);
        return node ? refOf(node) : { code, name: code, level: 'practice' };
      }),
      shared: group.shared,
      ownerId: group.ownerId,
      icbCode: group.icbCode,
      createdAt: group.createdAt.toISOString(),
    };
  }
}
