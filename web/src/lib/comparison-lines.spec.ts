import { comparisonLines } from './comparison-lines';

const ENGLAND = { code: 'ENG', name: 'England', level: 'england' as const };
const REGION = { code: 'Y61', name: 'East of England', level: 'region' as const };
const ICB = { code: 'QWE', name: 'NHS North ICB', level: 'icb' as const };

describe('comparisonLines', () => {
  it('keeps a parent that is neither England nor the organisation', () => {
    expect(comparisonLines(ICB, REGION)).toEqual({ parent: REGION, england: true });
  });

  it('drops a parent that is England, whose own line is drawn', () => {
    expect(comparisonLines(REGION, ENGLAND)).toEqual({ parent: null, england: true });
  });

  it('draws nothing beside England itself', () => {
    expect(comparisonLines(ENGLAND, null)).toEqual({ parent: null, england: false });
    expect(comparisonLines(ENGLAND, ENGLAND)).toEqual({ parent: null, england: false });
  });

  it('drops a parent that is the organisation itself', () => {
    expect(comparisonLines(ICB, ICB)).toEqual({ parent: null, england: true });
  });
});
