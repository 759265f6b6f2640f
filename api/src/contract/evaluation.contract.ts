import type { OrganisationRef } from './organisations.contract';

/** An estimate with its standard error and 95% interval. */
export interface EstimateValue {
  estimate: number;
  standardError: number;
  low: number;
  high: number;
}

/** A pooled estimate: DerSimonian–Laird (tau2 set) or a jackknifed mean (replicates set). */
export interface PooledValue extends EstimateValue {
  units: number;
  tau2?: number;
  replicates?: number;
}

export interface TrainedPracticeEvaluation {
  practice: OrganisationRef;
  /** First training date, `YYYY-MM-DD`, and its month. */
  trainedOn: string;
  trainingMonth: string;
  timeSeries: {
    months: number;
    slopeBefore: EstimateValue;
    levelChange: EstimateValue;
    slopeChange: EstimateValue;
    effectAt12: EstimateValue;
  } | null;
  differenceInDifferences: {
    before: number;
    after: number;
    controlBefore: number;
    controlAfter: number;
    controls: number;
    effect: EstimateValue;
  } | null;
}

/** GET /api/evaluation/training: the training programme's effect on plan coverage (percentage points). */
export interface TrainingEvaluationResponse {
  area: OrganisationRef;
  measure: 'plan_coverage';
  practices: number;
  trainedPractices: number;
  pooled: {
    levelChange: PooledValue | null;
    slopeChange: PooledValue | null;
    effectAt12: PooledValue | null;
    differenceInDifferences: PooledValue | null;
  };
  eventTime: { offset: number; meanCoverage: number; practices: number }[];
  trained: TrainedPracticeEvaluation[];
}

/** One plan group's rates: the crude from its rounded counts, the standardised (and interval) from its rounded strata. */
export interface StandardisedGroupValue {
  crudeRate: number | null;
  rate: number | null;
  low: number | null;
  high: number | null;
  /** True where disclosure control hides the group's figures. */
  suppressed: boolean;
}

export interface StandardisedOutcome {
  measure: string;
  title: string;
  unit: string;
  direction: string;
  withPlan: StandardisedGroupValue;
  withoutPlan: StandardisedGroupValue;
  /** Strata used: those where both groups have people and, under disclosure control, no count is suppressed. */
  strata: number;
  /** Share (0 to 1) of the standard population in the strata used. */
  standardCovered: number;
}

/** GET /api/outcomes/standardised: outcomes with and without a plan, directly standardised. */
export interface StandardisedOutcomesResponse {
  org: OrganisationRef;
  /** The area whose LTC population is the standard. */
  standard: OrganisationRef;
  month: string;
  method: string;
  outcomes: StandardisedOutcome[];
}

/** One month of one outcome in the trend: both plan groups standardised to that month's standard population. */
export interface StandardisedTrendPoint {
  month: string;
  withPlan: StandardisedGroupValue;
  withoutPlan: StandardisedGroupValue;
  strata: number;
  standardCovered: number;
}

export interface StandardisedOutcomeTrend {
  measure: string;
  title: string;
  unit: string;
  direction: string;
  points: StandardisedTrendPoint[];
}

/** GET /api/outcomes/standardised/trend: the standardised comparison month by month from `from` to `to`. */
export interface StandardisedOutcomesTrendResponse {
  org: OrganisationRef;
  standard: OrganisationRef;
  from: string;
  to: string;
  method: string;
  outcomes: StandardisedOutcomeTrend[];
}
