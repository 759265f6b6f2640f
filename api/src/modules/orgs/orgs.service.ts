import { Injectable } from '@nestjs/common';
import { DASHBOARD_ORGANISATIONS_SQL } from '@pcsp/analytics';
import type { OrganisationDetail, OrganisationList, OrganisationRef } from '../../contract/organisations.contract';
import type { AuthUser } from '../../common/auth.decorators';
import { badParameter, forbidden, notFound, ProblemException, quoteValue } from '../../common/problem';
import { SnapshotService } from '../snapshot/snapshot.service';
import { accessScope, type AccessScope } from './access-scope';
import type { OrgsQueryDto } from './dto/orgs-query.dto';
import { OrgDirectory, refOf, type OrgNode } from './org-directory';
import { ORG_CODE, ORG_CODE_MESSAGE } from './org-code';

/** Organisations of the serving snapshot, and who may see which. */
@Injectable()
export class OrgsService {
  private cached: { file: string; directory: Promise<OrgDirectory> } | undefined;

  constructor(private readonly snapshot: SnapshotService) {}

  /** The organisations of the serving snapshot (503 before the first refresh). */
  async directory(): Promise<OrgDirectory> {
    const info = await this.snapshot.describe();
    if (!info) throw new ProblemException(503, 'No analytics snapshot has been built yet: import records and run pcsp refresh.');
    if (this.cached?.file !== info.file) {
      const directory = this.snapshot.query(DASHBOARD_ORGANISATIONS_SQL).then((rows) => new OrgDirectory(rows));
      this.cached = { file: info.file, directory };
      directory.catch(() => {
        if (this.cached?.directory === directory) this.cached = undefined;
      });
    }
    return this.cached.directory;
  }

  async scope(user: AuthUser): Promise<AccessScope> {
    return accessScope(user, await this.directory());
  }

  /**
   * The organisation `code` given as `parameter`: 400 if malformed, 404 if unknown, 403 if outside
   * the user's area (whatever the URL).
   */
  async resolve(user: AuthUser, code: string, parameter: string): Promise<{ node: OrgNode; scope: AccessScope; directory: OrgDirectory }> {
    if (!ORG_CODE.test(code)) throw badParameter(parameter, `${parameter} ${ORG_CODE_MESSAGE} (got ${quoteValue(code)})`, { code: 'not_an_organisation_code', value: code });
    const directory = await this.directory();
    const node = directory.get(code);
    if (!node) throw notFound(`${parameter}: no organisation has the code ${code}`, { parameter, code: 'unknown_organisation', value: code });
    const scope = accessScope(user, directory);
    if (!scope.canSee(node)) throw forbidden(`${parameter}: ${code} (${node.name}) is outside your area`, { parameter, code: 'outside_area', value: code, name: node.name });
    return { node, scope, directory };
  }

  /** Names of organisation codes (codes missing from the snapshot keep their code as name). */
  async describeCodes(codes: string[]): Promise<OrganisationRef[]> {
    if (codes.length === 0) return [];
    const directory = (await this.snapshot.describe()) ? await this.directory() : undefined;
    return codes.map((code) => {
      const node = directory?.get(code);
      return node ? refOf(node) : { code, name: code, level: 'practice' };
    });
  }

  async list(user: AuthUser, query: OrgsQueryDto): Promise<OrganisationList> {
    const directory = await this.directory();
    const scope = accessScope(user, directory);
    let parent: OrgNode | undefined;
    if (query.parent !== undefined) parent = (await this.resolve(user, query.parent, 'parent')).node;
    const q = query.q?.trim().toLowerCase();
    // The directory lists them in order already (level, name, code), with code and name in lower case.
    const matches = directory.listed
      .filter(({ node: n, code, name }) => (query.level === undefined || n.level === query.level) && (!q || code.includes(q) || name.includes(q)))
      .map(({ node }) => node)
      .filter((n) => scope.canSee(n) && (parent === undefined || n.ancestors.includes(parent.code)));
    return {
      total: matches.length,
      offset: query.offset,
      limit: query.limit,
      organisations: matches.slice(query.offset, query.offset + query.limit).map((n) => ({ ...refOf(n), level: n.level, parentCode: n.parentCode })),
    };
  }

  async detail(user: AuthUser, code: string): Promise<OrganisationDetail> {
    const { node, scope, directory } = await this.resolve(user, code, 'code');
    const parents = node.ancestors.map((a) => directory.get(a)).filter((p): p is OrgNode => p !== undefined).map(refOf);
    const children = (directory.children.get(node.code) ?? []).filter((c) => scope.canSee(c)).map(refOf);
    children.sort((a, b) => a.name.localeCompare(b.name));
    return { ...refOf(node), parentCode: node.parentCode, parents, children };
  }
}
