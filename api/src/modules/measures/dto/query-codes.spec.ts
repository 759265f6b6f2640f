import { OrgsQueryDto } from '../../orgs/dto/orgs-query.dto';
import { CompareQueryDto } from './compare-query.dto';
import { DecilesQueryDto } from './deciles-query.dto';
import { SeriesQueryDto } from './series-query.dto';
import { problemBody, queryRefusalOf } from '../../../testing/refusals';

const problemOf = queryRefusalOf;

describe('query DTOs give a malformed month or organisation code a reason code and the text sent', () => {
  it('not_a_month for from and to of a series, one entry each, joined in the detail', async () => {
    const from = 'from must be a month YYYY-MM (got "x")';
    const to = 'to must be a month YYYY-MM (got "2031-13")';
    await expect(problemOf(SeriesQueryDto, { org: 'A81001', from: 'x', to: '2031-13' })).resolves.toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: `${from}; ${to}`,
      instance: '/api/x',
      errors: [
        { parameter: 'from', message: from, code: 'not_a_month', value: 'x' },
        { parameter: 'to', message: to, code: 'not_a_month', value: '2031-13' },
      ],
    });
  });

  it('not_a_month for the month of a comparison', async () => {
    const message = 'month must be a month YYYY-MM (got "2024-5")';
    await expect(problemOf(CompareQueryDto, { month: '2024-5' }).then((p) => p.errors)).resolves.toEqual([{ parameter: 'month', message, code: 'not_a_month', value: '2024-5' }]);
  });

  it.each([
    [SeriesQueryDto, 'org', { org: 'J76-455' }],
    [DecilesQueryDto, 'within', { within: 'group:0' }],
    [CompareQueryDto, 'within', { within: 'qhm' }],
  ] as const)('not_an_organisation_code where a group is taken too (%p %s)', async (dto, parameter, query) => {
    const value = Object.values(query)[0];
    const message = `${parameter} must be an organisation code (1 to 8 capital letters or digits) or a group (group:<number>) (got "${value}")`;
    await expect(problemOf(dto, query).then((p) => p.errors)).resolves.toEqual([{ parameter, message, code: 'not_an_organisation_code', value }]);
  });

  it('not_an_organisation_code for the parent of an organisation list', async () => {
    const message = 'parent must be an organisation code (1 to 8 capital letters or digits) (got "QHM ICB")';
    await expect(problemOf(OrgsQueryDto, { parent: 'QHM ICB' }).then((p) => p.errors)).resolves.toEqual([{ parameter: 'parent', message, code: 'not_an_organisation_code', value: 'QHM ICB' }]);
  });

  it('not_an_organisation_code without a value when the org is sent twice (a list, not one text)', async () => {
    const message = 'org must be an organisation code (1 to 8 capital letters or digits) or a group (group:<number>) (got ["A81001","A81002"])';
    await expect(problemOf(SeriesQueryDto, { org: ['A81001', 'A81002'] }).then((p) => p.errors)).resolves.toEqual([{ parameter: 'org', message, code: 'not_an_organisation_code' }]);
  });
});

describe('query DTOs give a breakdown or level no figures are split or compared by a reason code and the text sent', () => {
  it('unknown_breakdown, without the measure’s breakdowns (the measure is not read yet), for a breakdown shaped like none', async () => {
    // Capitals and a hyphen are not /^[a-z_]{1,20}$/.
    const message = 'breakdown must be a breakdown dimension such as age_band (got "Age-Band")';
    await expect(problemOf(SeriesQueryDto, { org: 'A81001', breakdown: 'Age-Band' })).resolves.toEqual(problemBody(400, '/api/x', { parameter: 'breakdown', message, code: 'unknown_breakdown', value: 'Age-Band' }));
  });

  it.each([
    [CompareQueryDto, 'level', 'gp', 'level must be one of practice, pcn, sub_icb, icb, region', ['practice', 'pcn', 'sub_icb', 'icb', 'region']],
    [CompareQueryDto, 'benchmark', 'practice', 'benchmark must be one of icb, region, england', ['icb', 'region', 'england']],
    [DecilesQueryDto, 'level', 'pcn', 'level must be practice (deciles are across practices)', ['practice']],
  ] as const)('level_not_allowed, with the levels taken, for a level the parameter never takes (%p %s=%s)', async (dto, parameter, value, words, levels) => {
    const message = `${words} (got "${value}")`;
    await expect(problemOf(dto, { [parameter]: value }).then((p) => p.errors)).resolves.toEqual([{ parameter, message, code: 'level_not_allowed', value, levels }]);
  });
});
