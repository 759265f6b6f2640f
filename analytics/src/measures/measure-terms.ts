/**
 * The terms the measures' numerators and denominators are written in (measures.md, "Building blocks", with the
 * engine's rulings where the spec is silent), declared as data beside the registry so that the methodology page
 * defines every word a definition uses.
 */
export interface MeasureTerm {
  /** Anchor of the term on the methodology page. */
  id: string;
  term: string;
  definition: string;
}

export const MEASURE_TERMS: readonly MeasureTerm[] = [
  {
    id: 'month-end',
    term: 'm and M',
    definition: 'Each figure is for a calendar month m, counted as of its last day, M: the figure for March 2024 counts who was registered, on a register or with a plan on 31 March 2024.',
  },
  {
    id: 'window',
    term: 'Window of m',
    definition: 'The 12 calendar months ending with m, from the 1st of month m − 11 to M. A plan agreed on 1 March 2024 is in the windows of March 2024 to February 2025.',
  },
  {
    id: 'registered',
    term: 'Registered at M',
    definition:
      'A registration that began on or before M and had not ended by M (no end date, or one after M), of a patient who had not died by M (no date of death, or one after M). Where a patient’s registrations overlap, the one that began later holds (of two begun the same day, the one imported later: a later row of registrations.csv, or a later import); when it ends, an earlier one still in force holds again. A patient counts at one practice only. The same rule gives the practice where a patient was registered on any other day, such as a plan’s agreed_on or its due date.',
  },
  {
    id: 'ltc-register',
    term: 'On the LTC register at M',
    definition: 'Registered at M, with at least one long-term condition diagnosed on or before M and not resolved by M (no resolved date, or one after M).',
  },
  {
    id: 'ltc-count',
    term: 'LTC count at M',
    definition: 'The number of different condition registers a patient is on at M; broken down as 1, 2, 3 and 4 or more.',
  },
  {
    id: 'plan-current',
    term: 'Plan current at M',
    definition: 'A personalised care and support plan agreed in the window of m, at any practice.',
  },
  {
    id: 'pca',
    term: 'PCA at M',
    definition: 'A personalised care adjustment (recorded when a plan is declined or unsuitable, the person does not respond, or the service is unavailable) dated in the window of m. People with a PCA and no plan current are left out of plan coverage’s denominator.',
  },
  {
    id: 'due-date',
    term: 'Due date of a plan',
    definition: 'The plan’s review_due_on, or where that is empty, agreed_on plus 12 months (a plan agreed on 29 February is due on 28 February the next year).',
  },
  {
    id: 'reviewed-on-time',
    term: 'Reviewed on time',
    definition:
      'A plan with a review dated from its agreed_on to its due date, both days included, or whose patient has another plan agreed on a later day, on or before the due date, at any practice. Of two plans agreed the same day, neither is the later plan of the other.',
  },
  {
    id: 'latest-observation',
    term: 'Latest observation in the window',
    definition: 'Of a patient’s observations of one kind (PAM level, HbA1c, PHQ-9) dated in the window of m, the one with the latest date; of two on the same day, the one imported later (a later row of observations.csv, or a later import), since the extract gives no time of day.',
  },
  {
    id: 'age-band',
    term: 'Age band at M',
    definition: 'Age in completed years on M, in bands 0–17, 18–39, 40–64, 65–79 and 80+. Someone born on 29 February has their birthday on 1 March in other years.',
  },
];
