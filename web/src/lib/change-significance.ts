import type { RateChangeValue } from '@pcsp/contract/compare.contract';

/**
 * Whether a change is significant, in the words of the compare page's change chart: its 95% interval leaves out 0
 * (`significance`, in the measure's direction). None where the API gave none: a count's change has no interval.
 */
export function changeSignificanceText(change: Pick<RateChangeValue, 'significance'> | null | undefined): string | undefined {
  switch (change?.significance) {
    case 'better':
      return 'a significant improvement';
    case 'worse':
      return 'a significant worsening';
    case 'higher':
      return 'a significant rise';
    case 'lower':
      return 'a significant fall';
    case 'similar':
      return 'no significant change';
    default:
      return undefined;
  }
}
