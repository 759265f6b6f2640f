import { AlertsQueryDto } from '../../alerts/dto/alerts-query.dto';
import { TargetListQueryDto, TargetProgressQueryDto } from '../../targets/dto/target-progress-query.dto';
import { StandardisedOutcomesQueryDto, StandardisedTrendQueryDto, TrainingEvaluationQueryDto } from './evaluation-query.dto';
import { problemBody, queryRefusalOf } from '../../../testing/refusals';

const problemOf = queryRefusalOf;

describe('evaluation, alerts and targets query DTOs give a malformed organisation code or an unknown measure a reason code', () => {
  it('not_an_organisation_code with the text sent, for the org of the plan comparison, in the whole problem', async () => {
    const message = 'org must be an organisation code (1 to 8 capital letters or digits) (got "a81001")';
    await expect(problemOf(StandardisedOutcomesQueryDto, { org: 'a81001' })).resolves.toEqual(problemBody(400, '/api/x', { parameter: 'org', message, code: 'not_an_organisation_code', value: 'a81001' }));
  });

  it.each([
    [TrainingEvaluationQueryDto, 'area', { area: 'q!' }],
    [StandardisedTrendQueryDto, 'org', { org: 'J76-455' }],
    [AlertsQueryDto, 'area', { area: 'QHM ICB' }],
  ] as const)('not_an_organisation_code with the text sent (%p %s)', async (dto, parameter, query) => {
    const value = Object.values(query)[0];
    const message = `${parameter} must be an organisation code (1 to 8 capital letters or digits) (got "${value}")`;
    await expect(problemOf(dto, query).then((p) => p.errors)).resolves.toEqual([{ parameter, message, code: 'not_an_organisation_code', value }]);
  });

  it('required for an org the plan comparison is left without', async () => {
    await expect(problemOf(StandardisedOutcomesQueryDto, {}).then((p) => p.errors)).resolves.toEqual([{ parameter: 'org', message: 'org is required', code: 'required' }]);
  });

  // Targets check only that org is one text (a malformed one is refused when it is looked up, already coded).
  it.each([
    [TargetProgressQueryDto, { org: ['QHM', 'QMJ'] }, '["QHM","QMJ"]'],
    [TargetListQueryDto, { org: ['QHM', 'QMJ'] }, '["QHM","QMJ"]'],
  ] as const)('not_an_organisation_code without a value for an org sent twice to the targets (%p)', async (dto, query, got) => {
    const message = `org must be an organisation code (got ${got})`;
    await expect(problemOf(dto, query).then((p) => p.errors)).resolves.toEqual([{ parameter: 'org', message, code: 'not_an_organisation_code' }]);
  });

  it('unknown_measure with the id sent, for the measure of target progress', async () => {
    const message = 'measure must be a measure id (GET /api/measures lists them) (got "nope")';
    await expect(problemOf(TargetProgressQueryDto, { org: 'QHM', measure: 'nope' }).then((p) => p.errors)).resolves.toEqual([
      { parameter: 'measure', message, code: 'unknown_measure', value: 'nope' },
    ]);
  });
});
