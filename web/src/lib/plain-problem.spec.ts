import type { ParameterProblem } from '@pcsp/contract/problem.contract';
import { plainProblem } from './plain-problem';

/** An error as the api-client makes it: the detail as message, the problem with one entry per parameter (the status is not read). */
const refusal = (errors: ParameterProblem[]) => {
  const detail = errors.map((e) => e.message).join('; ');
  return { message: detail, problem: { type: 'about:blank', title: 'Bad Request', status: 400, detail, errors } };
};

// Every message below is worded as the API might word it tomorrow: only the code, value, name and range are read.
describe('plainProblem by the API’s reason codes', () => {
  it.each<[ParameterProblem, string]>([
    [{ parameter: 'code', message: 'code: unbekannt', code: 'unknown_organisation', value: 'ZZZ999' }, 'No organisation has the code ZZZ999.'],
    [{ parameter: 'org', message: 'org: not yours', code: 'outside_area', value: 'QMH', name: 'Queen Mary Health Centre' }, 'Queen Mary Health Centre (QMH) is outside the area you can see.'],
    [{ parameter: 'org', message: 'org: not yours', code: 'outside_area', value: 'QWE' }, 'QWE is outside the area you can see.'],
    [{ parameter: 'within', message: 'within: gone', code: 'unknown_group', value: 'group:7' }, 'That group could not be found: it may have been deleted, or its owner no longer shares it.'],
    [{ parameter: 'within', message: 'within: not yours', code: 'group_outside_area', value: 'group:7', name: 'East side' }, 'The group East side holds practices outside the area you can see.'],
    // 2031-01 is January 2031; 2021-12 December 2021, 2026-11 November 2026.
    [
      { parameter: 'to', message: 'to: no figures', code: 'month_outside_range', value: '2031-01', range: { first: '2021-12', last: '2026-11' } },
      'There are no figures for January 2031: the figures go from December 2021 to November 2026.',
    ],
    [{ parameter: 'month', message: 'month: bad', code: 'not_a_month', value: '2031-13' }, '“2031-13” is not a month: a month is written as its year and month, such as 2026-10.'],
    [{ parameter: 'org', message: 'org: bad', code: 'not_an_organisation_code', value: 'J76-455' }, '“J76-455” is not an organisation code: codes are 1 to 8 capital letters or digits, such as A81001.'],
    [{ parameter: 'breakdown', message: 'breakdown: no', code: 'own_practice_only', value: 'imd_quintile' }, 'Figures by deprivation (IMD quintile) are shown for your own practice only.'],
    [{ parameter: 'id', message: 'id: no such thing', code: 'unknown_measure', value: 'plan_cover' }, 'There is no measure “plan_cover”.'],
    [{ parameter: 'code', message: 'code: bad', code: 'not_an_organisation_code', value: 'group:0' }, '“group:0” is not a group’s code: a group’s code is group: and its number, such as group:12.'],
    [
      { parameter: 'org', message: 'org: too low', code: 'wrong_level', value: 'A81001', name: 'The Surgery', levels: ['sub_icb', 'icb', 'region', 'england'] },
      'This needs a sub-ICB location, an ICB, a region or England, and The Surgery (A81001) is none of these.',
    ],
    [
      { parameter: 'area', message: 'area: too low', code: 'wrong_level', value: 'A81001', levels: ['pcn', 'sub_icb', 'icb', 'region', 'england'] },
      'This needs a PCN, a sub-ICB location, an ICB, a region or England, and A81001 is none of these.',
    ],
    [{ parameter: 'org', message: 'org: too low', code: 'wrong_level', value: 'U12345', name: 'Blyth PCN', levels: ['icb'] }, 'This needs an ICB, and Blyth PCN (U12345) is not one.'],
    [
      { parameter: 'measure', message: 'measure: no', code: 'no_better_direction', value: 'ltc_prevalence' },
      'Neither a higher nor a lower figure is better for the measure “ltc_prevalence”, so it has no targets or alerts.',
    ],
    [
      { parameter: 'targetRate', message: 'targetRate: no', code: 'target_out_of_range', value: '120', limits: { min: 0, max: 100 } },
      'A target for this measure must be from 0 to 100, not 120.',
    ],
    // 1000000.5 grouped in thousands is 1,000,000.5; -0.5 keeps its sign.
    [
      { parameter: 'targetRate', message: 'targetRate: no', code: 'target_out_of_range', value: '1000000.5', limits: { min: 0, max: 1_000_000 } },
      'A target for this measure must be from 0 to 1,000,000, not 1,000,000.5.',
    ],
    [
      { parameter: 'targetRate', message: 'targetRate: no', code: 'target_out_of_range', value: '-0.5', limits: { min: 0, max: 100 } },
      'A target for this measure must be from 0 to 100, not -0.5.',
    ],
    [{ parameter: 'id', message: 'id: gone', code: 'unknown_target', value: '0b7f5c1e-3d2a-4c8e-9f10-1a2b3c4d5e6f' }, 'That target could not be found: it may have been removed already.'],
    [{ parameter: 'reason', message: 'reason: no', code: 'unknown_alert_reason', value: 'new' }, 'There is no alert reason “new”: an alert is new or deteriorating.'],
    // Breakdowns by their names in format.ts (imd_quintile is "Deprivation (IMD quintile)", first letter lowered); a code no breakdown has, quoted.
    [
      { parameter: 'breakdown', message: 'breakdown: no', code: 'unknown_breakdown', value: 'carer', allowed: ['age_band', 'imd_quintile', 'plan'] },
      'This measure cannot be split by “carer”: it can be split by age band, deprivation (IMD quintile) or care plan.',
    ],
    [{ parameter: 'breakdown', message: 'breakdown: no', code: 'unknown_breakdown', value: 'sex', allowed: [] }, 'This measure cannot be split by sex: it has no breakdowns.'],
    [{ parameter: 'breakdown', message: 'breakdown: no', code: 'unknown_breakdown', value: 'Age-Band' }, 'There is no breakdown “Age-Band”.'],
    [{ parameter: 'benchmark', message: 'benchmark: no', code: 'level_not_allowed', value: 'icb', levels: ['region', 'england'] }, 'Only a region or England can be chosen here, not an ICB.'],
    [{ parameter: 'level', message: 'level: no', code: 'level_not_allowed', value: 'pcn', levels: ['practice'] }, 'Only a practice can be chosen here, not a PCN.'],
    [{ parameter: 'level', message: 'level: no', code: 'level_not_allowed', value: 'gp', levels: ['practice'] }, 'Only a practice can be chosen here, not “gp”.'],
    // 2025-03 is March 2025.
    [{ parameter: 'from', message: 'from: no', code: 'months_reversed', value: '2025-03' }, 'The first month, March 2025, is after the last month.'],
    [
      { parameter: 'from', message: 'from: no', code: 'span_too_long', value: '2016-11', maxMonths: 120 },
      'At most 120 months can be shown at once: choose a later first month or an earlier last month.',
    ],
  ])('says %j as “%s”', (entry, words) => {
    expect(plainProblem(refusal([entry]))).toBe(words);
  });

  it('says each of several entries in turn, keeping the API’s message for one without a code it knows', () => {
    const errors: ParameterProblem[] = [
      { parameter: 'from', message: 'from is wrong', code: 'not_a_month', value: 'x' },
      { parameter: 'level', message: 'level must be one of practice, pcn' },
    ];
    expect(plainProblem(refusal(errors))).toBe('“x” is not a month: a month is written as its year and month, such as 2026-10. level must be one of practice, pcn');
  });

  it('keeps the API’s message for a code that comes without what its sentence needs', () => {
    const errors: ParameterProblem[] = [{ parameter: 'to', message: 'to must be a month from 2021-12 to 2026-11 (got "2031-01")', code: 'month_outside_range', value: '2031-01' }];
    expect(plainProblem(refusal(errors))).toBeUndefined();
  });

  it.each<ParameterProblem>([
    { parameter: 'org', message: 'org must be an area', code: 'wrong_level', value: 'A81001' },
    { parameter: 'org', message: 'org must be an area', code: 'wrong_level', value: 'A81001', levels: [] },
    { parameter: 'targetRate', message: 'targetRate must not be negative (got -1)', code: 'target_out_of_range', value: '-1' },
    { parameter: 'level', message: 'level must be one of practice, pcn, sub_icb, icb, region (got "gp")', code: 'level_not_allowed', value: 'gp' },
    { parameter: 'from', message: 'from and to must span at most 120 months', code: 'span_too_long', value: '2016-11' },
  ])('keeps the API’s message for %j, whose sentence needs the levels, limits or most months', (entry) => {
    expect(plainProblem(refusal([entry]))).toBeUndefined();
  });

  it('reads nothing from the words of a refusal without a code: the API’s old words alone are shown as given', () => {
    expect(plainProblem({ message: 'to must be a month from 2021-12 to 2026-11 (got "2031-01")', problem: { status: 400, detail: 'to must be a month from 2021-12 to 2026-11 (got "2031-01")' } })).toBeUndefined();
    expect(plainProblem({ message: 'month must be a month YYYY-MM (got "2031-13")' })).toBeUndefined();
  });
});
