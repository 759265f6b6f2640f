import type { AlertItem, AlertReason, SpcRule } from '../../contract/alerts.contract';

/** One email of the weekly digest. */
export interface DigestEmail {
  to: string;
  subject: string;
  text: string;
}

const SPC_RULE_TEXT: Record<SpcRule, string> = {
  outside_limits: 'a month outside the process limits',
  shift: '7 months in a row on the worse side of the average',
  trend: '7 months in a row getting worse',
  two_of_three: '2 of 3 months close to the worse process limit',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-10` as `October 2026`. */
export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** A rate in its unit, to one decimal place as the dashboard shows it. */
export function formatValue(value: number, unit: AlertItem['unit']): string {
  const text = value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return unit === '%' ? `${text}%` : unit === 'per 1,000' ? `${text} per 1,000` : text;
}

/** Why an alert is raised, in words. */
export function reasonText(alert: AlertItem, reason: AlertReason): string {
  if (reason === 'outside_limit_first_time') {
    const limit = alert.limit === null ? '' : ` (${formatValue(alert.limit, alert.unit)})`;
    const around = alert.benchmarkRate === null ? '' : ` around the ICB's ${formatValue(alert.benchmarkRate, alert.unit)}`;
    return `worse than the 99.8% limit${limit}${around} for the first time in 12 months`;
  }
  return `special-cause deterioration: ${alert.spcRules.map((r) => SPC_RULE_TEXT[r]).join('; ')}`;
}

/** Where an alert judges an earlier month than the digest's (its latest month is provisional), which month and why. */
export function monthNote(alert: AlertItem, month: string): string {
  return alert.month === month ? '' : ` in ${monthName(alert.month)} (${monthName(month)}'s figures can still rise)`;
}

/** The digest email for one person: their alerts grouped by practice, in plain text. */
export function composeDigest(recipient: { email: string; name: string }, month: string, alerts: readonly AlertItem[]): DigestEmail {
  const practices = new Map<string, AlertItem[]>();
  for (const a of alerts) practices.set(a.practice.code, [...(practices.get(a.practice.code) ?? []), a]);
  const lines = [
    `Dear ${recipient.name},`,
    '',
    `${practices.size === 1 ? 'This practice in your area needs' : `These ${practices.size} practices in your area need`} attention in ${monthName(month)}:`,
  ];
  for (const items of practices.values()) {
    lines.push('', `${items[0].practice.name} (${items[0].practice.code})`);
    for (const a of items) lines.push(`  - ${a.title} ${formatValue(a.rate, a.unit)}${monthNote(a, month)}: ${a.reasons.map((r) => reasonText(a, r)).join('; and ')}.`);
  }
  lines.push(
    '',
    'You get this email each week while practices in your area have alerts. To stop it, untick',
    '"Email me the weekly alerts" on the overview page of PCSP Insights.',
  );
  const count = alerts.length;
  return {
    to: recipient.email,
    subject: `PCSP Insights: ${count} ${count === 1 ? 'alert' : 'alerts'} for ${practices.size} ${practices.size === 1 ? 'practice' : 'practices'}, ${monthName(month)}`,
    text: `${lines.join('\n')}\n`,
  };
}
