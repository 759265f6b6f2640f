import { xmrLegend, type XmrValue } from './xmr.chart';

const value = (month: string, state: XmrValue['state']): XmrValue => ({ date: new Date(`${month}-01`), month, value: 1, state, rules: '' });

describe('XmR legend', () => {
  it('shows each state present as the point the chart draws (its colour and symbol), then the mean, limits and target', () => {
    const legend = xmrLegend([value('2026-01', 'common'), value('2026-02', 'improvement'), value('2026-03', 'common')], 40);
    expect(legend).toEqual([
      { label: 'Special cause: improvement', colour: '#0072B2', shape: 'dot', symbol: 'triangle' },
      { label: 'Common cause', colour: '#768692', shape: 'dot', symbol: 'circle' },
      { label: 'Mean', colour: '#212B32' },
      { label: 'Process limits (mean ± 2.66 × mean moving range)', colour: '#212B32', dash: '6,4' },
      { label: 'Target', colour: '#D5281B', dash: '2,3' },
    ]);
  });
});
