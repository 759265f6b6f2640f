import type { ParameterProblem, ParameterProblemCode, ProblemDetails } from '@pcsp/contract/problem.contract';
import { formatBreakdown, formatMonth, lowerFirst } from './format';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const quoted = (text: string) => `“${text}”`;
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** A month the API refused, in words: "January 2031", or the text quoted where it is no month. */
const monthWords = (text: string) => (MONTH.test(text) ? formatMonth(text) : quoted(text));

/** A number as the API sent it (as text), grouped in thousands: "1,000,000". */
const numberWords = (value: number | string) => Number(value).toLocaleString('en-GB', { maximumFractionDigits: 6 });

/** An organisation level with its article, as a sentence says it. */
const LEVEL_WORDS: Record<string, string> = {
  practice: 'a practice',
  pcn: 'a PCN',
  sub_icb: 'a sub-ICB location',
  icb: 'an ICB',
  region: 'a region',
  england: 'England',
};

/** The levels a parameter takes, each with its article. */
const levelsInWords = (levels: readonly string[] | undefined) => levels?.map((level) => LEVEL_WORDS[level] ?? level) ?? [];

/** A breakdown by its name ("deprivation (IMD quintile)"), or the text quoted where no breakdown has that code. */
const breakdownWords = (dimension: string) => (formatBreakdown(dimension) !== dimension ? lowerFirst(formatBreakdown(dimension)) : quoted(dimension));

/** "a, b or c". */
const orList = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

/** Text refused as a code that starts as a group's does, which is said as a malformed group code. */
const GROUPISH = /^group:/;

/**
 * The API's refusals that a person meets by following or editing a link, by their reason code (api/src/contract/
 * problem.contract.ts), as a sentence without the parameter names and codes of the request. Undefined where the
 * code comes without what its sentence needs.
 */
const WORDS: Partial<Record<ParameterProblemCode, (problem: ParameterProblem) => string | undefined>> = {
  unknown_organisation: ({ value }) => value && `No organisation has the code ${value}.`,
  outside_area: ({ value, name }) => value && (name ? `${name} (${value}) is outside the area you can see.` : `${value} is outside the area you can see.`),
  unknown_group: () => 'That group could not be found: it may have been deleted, or its owner no longer shares it.',
  group_outside_area: ({ name }) => name && `The group ${name} holds practices outside the area you can see.`,
  month_outside_range: ({ value, range }) =>
    value && range && `There are no figures for ${monthWords(value)}: the figures go from ${formatMonth(range.first)} to ${formatMonth(range.last)}.`,
  not_a_month: ({ value }) => value !== undefined ? `${quoted(value)} is not a month: a month is written as its year and month, such as 2026-10.` : undefined,
  not_an_organisation_code: ({ value }) =>
    value === undefined
      ? undefined
      : GROUPISH.test(value)
        ? `${quoted(value)} is not a group’s code: a group’s code is group: and its number, such as group:12.`
        : `${quoted(value)} is not an organisation code: codes are 1 to 8 capital letters or digits, such as A81001.`,
  own_practice_only: ({ value }) => value && `Figures by ${lowerFirst(formatBreakdown(value))} are shown for your own practice only.`,
  unknown_measure: ({ value }) => value !== undefined ? `There is no measure ${quoted(value)}.` : undefined,
  wrong_level: ({ value, name, levels }) => {
    const wanted = levelsInWords(levels);
    if (!value || wanted.length === 0) return undefined;
    return `This needs ${orList(wanted)}, and ${name ? `${name} (${value})` : value} is ${wanted.length === 1 ? 'not one' : 'none of these'}.`;
  },
  no_better_direction: ({ value }) =>
    value && `Neither a higher nor a lower figure is better for the measure ${quoted(value)}, so it has no targets or alerts.`,
  target_out_of_range: ({ value, limits }) =>
    value !== undefined && limits ? `A target for this measure must be from ${numberWords(limits.min)} to ${numberWords(limits.max)}, not ${numberWords(value)}.` : undefined,
  unknown_target: () => 'That target could not be found: it may have been removed already.',
  unknown_alert_reason: ({ value }) => value !== undefined ? `There is no alert reason ${quoted(value)}: an alert is new or deteriorating.` : undefined,
  unknown_breakdown: ({ value, allowed }) => {
    if (value === undefined) return undefined;
    if (allowed === undefined) return `There is no breakdown ${quoted(value)}.`;
    const others = allowed.length === 0 ? 'it has no breakdowns' : `it can be split by ${orList(allowed.map(breakdownWords))}`;
    return `This measure cannot be split by ${breakdownWords(value)}: ${others}.`;
  },
  level_not_allowed: ({ value, levels }) => {
    const wanted = levelsInWords(levels);
    if (!value || wanted.length === 0) return undefined;
    return `Only ${orList(wanted)} can be chosen here, not ${LEVEL_WORDS[value] ?? quoted(value)}.`;
  },
  months_reversed: ({ value }) => value && `The first month, ${monthWords(value)}, is after the last month.`,
  span_too_long: ({ maxMonths }) => maxMonths !== undefined ? `At most ${maxMonths} months can be shown at once: choose a later first month or an earlier last month.` : undefined,
};

/** "org: figures split by plan are …": a refusal that names its parameter first, as a sentence without the name. */
const NAMED = /^[a-z][A-Za-z]*(?:\[\d+\])?(?:\.[A-Za-z]+)*: (.+)$/;

/** One parameter's refusal in words: by its code, else its message without the parameter's name it starts with. */
function wordsOf(problem: ParameterProblem): string | undefined {
  const coded = problem.code && WORDS[problem.code]?.(problem);
  if (coded) return coded;
  const prefix = `${problem.parameter}: `;
  return problem.message.startsWith(prefix) ? sentence(problem.message.slice(prefix.length)) : undefined;
}

/**
 * An API error in plain words where the API said why by a code it gives (each of several parameters in turn, one
 * sentence each, any other kept as the API worded it); undefined for any other error, which is shown as the API gave it.
 * A refusal with no parameters listed that names one first ("org: …") loses the name.
 */
export function plainProblem(error: { message: string; problem?: Partial<ProblemDetails> }): string | undefined {
  const entries = error.problem?.errors ?? [];
  if (entries.length === 0) {
    const named = NAMED.exec(error.message);
    return named ? sentence(named[1]) : undefined;
  }
  const words = entries.map(wordsOf);
  return words.some((w) => w !== undefined) ? words.map((w, i) => w ?? entries[i].message).join(' ') : undefined;
}
