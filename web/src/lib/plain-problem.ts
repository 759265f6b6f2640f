import { formatBreakdown, formatMonth, lowerFirst } from './format';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const quoted = (text: string) => `“${text}”`;
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** A month the API refused, in words: "January 2031", or the text quoted where it is no month. */
const monthWords = (text: string) => (MONTH.test(text) ? formatMonth(text) : quoted(text));

/**
 * The API's refusals that a person meets by following or editing a link, each as it words them (api/src: the orgs and
 * groups services' resolve, the measures service's month range and breakdown scope, the month and code checks), mapped
 * to a sentence without the parameter names and codes of the request. `got "…"` is quoteValue's JSON string.
 */
const RULES: [RegExp, (...groups: string[]) => string][] = [
  [/^(?:[\w.[\]]+: )?no organisation has the code (\S+)$/, (code) => `No organisation has the code ${code}.`],
  [/^(?:[\w.[\]]+: )?(\S+) \((.+)\) is outside your area$/, (code, name) => `${name} (${code}) is outside the area you can see.`],
  [/^(?:[\w.[\]]+: )?(\S+) is outside your area$/, (code) => `${code} is outside the area you can see.`],
  [/^(?:[\w.[\]]+: )?there is no group (\S+)$/, () => 'That group could not be found: it may have been deleted, or its owner no longer shares it.'],
  [/^(?:[\w.[\]]+: )?(\S+) \((.+)\) holds practices outside your area$/, (_code, name) => `The group ${name} holds practices outside the area you can see.`],
  [
    /^\w+ must be a month from (\d{4}-\d{2}) to (\d{4}-\d{2}) \(got "(.*)"\)$/,
    (first, last, got) => `There are no figures for ${monthWords(got)}: the figures go from ${formatMonth(first)} to ${formatMonth(last)}.`,
  ],
  [/^\w+ must be a month YYYY-MM \(got "(.*)"\)$/, (got) => `${quoted(got)} is not a month: a month is written as its year and month, such as 2026-10.`],
  [
    /^\w+ must be an organisation code .*\(got "(.*)"\)$/,
    (got) => `${quoted(got)} is not an organisation code: codes are 1 to 8 capital letters or digits, such as A81001.`,
  ],
  [/^breakdown: figures by (\w+) are available for your own practice only$/, (dimension) => `Figures by ${lowerFirst(formatBreakdown(dimension))} are shown for your own practice only.`],
  [/^id: there is no measure "(.*)".*$/, (id) => `There is no measure ${quoted(id)}.`],
  // Any other refusal about one parameter, "org: figures split by plan are …": the sentence without its parameter's name.
  [/^[a-z][A-Za-z]*(?:\[\d+\])?(?:\.[A-Za-z]+)*: (.+)$/, (rest) => sentence(rest)],
];

/**
 * An API error message in plain words where it is one of the API's known refusals (several, joined by "; ", each
 * mapped); undefined for any other message, which is shown as the API gave it.
 */
export function plainProblem(message: string): string | undefined {
  let mapped = false;
  const parts = message.split('; ').map((part) => {
    for (const [pattern, words] of RULES) {
      const match = pattern.exec(part);
      if (match) {
        mapped = true;
        return words(...match.slice(1));
      }
    }
    return part;
  });
  return mapped ? parts.join(' ') : undefined;
}
