import type { AssuranceIcon, VariationIcon } from '@pcsp/analytics/stats/xmr-chart';
import { SPC_COLOURS } from '../charts/xmr.chart';

const VARIATION_TEXT: Record<VariationIcon, string> = {
  common_cause: 'Common cause variation: no significant change',
  improvement_high: 'Special cause variation: improvement, higher values',
  improvement_low: 'Special cause variation: improvement, lower values',
  concern_high: 'Special cause variation: concern, higher values',
  concern_low: 'Special cause variation: concern, lower values',
  neither_high: 'Special cause variation: higher values, neither better nor worse',
  neither_low: 'Special cause variation: lower values, neither better nor worse',
};

const ASSURANCE_TEXT: Record<AssuranceIcon, string> = {
  pass: 'Assurance: the target is met every month (it lies beyond the lower process limit)',
  fail: 'Assurance: the target is missed every month unless the process changes',
  hit_and_miss: 'Assurance: the target lies inside the process limits, so it will be hit and missed at random',
};

/** Making Data Count's variation icon, drawn here: a ring in the state's colour, a small run of dots, and H or L for the side. */
export function VariationIconView({ icon }: { icon: VariationIcon }) {
  const [kind, side] = icon === 'common_cause' ? (['common', null] as const) : (icon.split('_') as ['improvement' | 'concern' | 'neither', 'high' | 'low']);
  const colour = SPC_COLOURS[kind];
  // Dots: flat for common cause, rising or falling towards the side for a special cause.
  const ys = side === 'high' ? [30, 30, 28, 22, 18] : side === 'low' ? [18, 18, 20, 26, 30] : [24, 22, 25, 23, 24];
  return (
    <svg className="app-spc-icon" viewBox="0 0 48 48" width="48" height="48" role="img" aria-label={VARIATION_TEXT[icon]}>
      <title>{VARIATION_TEXT[icon]}</title>
      <circle cx="24" cy="24" r="21" fill="#fff" stroke={colour} strokeWidth="4" />
      {ys.map((y, i) => (
        <circle key={i} cx={10 + i * 7} cy={y} r="2.6" fill={i >= 3 && side ? colour : SPC_COLOURS.common} />
      ))}
      {side && (
        <text x="24" y={side === 'high' ? 15 : 41} textAnchor="middle" fontSize="11" fontWeight="bold" fill={colour}>
          {side === 'high' ? 'H' : 'L'}
        </text>
      )}
    </svg>
  );
}

/** Making Data Count's assurance icon, drawn here: P (pass) blue, F (fail) orange, ? (hit and miss) grey. */
export function AssuranceIconView({ icon }: { icon: AssuranceIcon }) {
  const [letter, colour] = icon === 'pass' ? ['P', SPC_COLOURS.improvement] : icon === 'fail' ? ['F', SPC_COLOURS.concern] : ['?', SPC_COLOURS.common];
  return (
    <svg className="app-spc-icon" viewBox="0 0 48 48" width="48" height="48" role="img" aria-label={ASSURANCE_TEXT[icon]}>
      <title>{ASSURANCE_TEXT[icon]}</title>
      <circle cx="24" cy="24" r="21" fill="#fff" stroke={colour} strokeWidth="4" />
      <line x1="10" x2="38" y1="31" y2="31" stroke={colour} strokeWidth="2" strokeDasharray="3,2" />
      <text x="24" y="26" textAnchor="middle" fontSize="18" fontWeight="bold" fill={colour}>
        {letter}
      </text>
    </svg>
  );
}

export { ASSURANCE_TEXT, VARIATION_TEXT };
