import { z } from 'zod';

export const MEASURE_IDS = [
  'ltc_prevalence',
  'multimorbidity',
  'plan_coverage',
  'plan_coverage_multimorbid',
  'pca_rate',
  'preparation',
  'plan_shared',
  'carer_involved',
  'review_completion',
  'overdue_reviews',
  'activation',
  'diabetes_control',
  'depression_remission',
  'emergency_admissions',
] as const;

export type MeasureId = (typeof MEASURE_IDS)[number];

/** The dimensions a patient-set measure can be split by (measures.md, "Breakdowns"). */
export const BREAKDOWN_DIMENSIONS = ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'] as const;

export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const MEASURE_UNITS = ['%', 'count', 'per 1,000'] as const;
export const MEASURE_DIRECTIONS = ['higher_is_better', 'lower_is_better', 'neither'] as const;
export const SPEC_SECTIONS = ['Uptake', 'The process', 'Review', 'Outcomes'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');

/** One measure, declared as data (no SQL): what the API serves and the methodology page shows. */
export const measureDefinitionSchema = z
  .object({
    id: z.enum(MEASURE_IDS),
    title: z.string().min(3),
    description: z.string().min(10),
    numerator: z.string().min(3),
    /** null for a count measure, which has no denominator. */
    denominator: z.string().min(3).nullable(),
    /**
     * Who or what the denominator counts, in a few words that follow its number ("2,901 of 6,059 registered people"),
     * where the denominator's own words (the methodology page's) are too long; null for a count measure.
     */
    denominatorNoun: z.string().min(3).nullable(),
    unit: z.enum(MEASURE_UNITS),
    direction: z.enum(MEASURE_DIRECTIONS),
    breakdowns: z.array(z.enum(BREAKDOWN_DIMENSIONS)),
    /** Outcomes are also split by whether the patient had a plan current at M (`plan=with` / `plan=without`). */
    planSplit: z.boolean(),
    specSection: z.enum(SPEC_SECTIONS),
    /**
     * Days after M during which records can still change month m's figure (plan_shared: a plan agreed on M counts if
     * shared up to 28 days later). Left out where nothing after M counts. A month is provisional while its M plus these
     * days is on or after the snapshot's refresh date (see isProvisionalMonth).
     */
    followUpDays: z.number().int().min(1).max(366).optional(),
    author: z.string().min(2),
    /** null until someone other than the author has checked the definition against measures.md. */
    checkedBy: z.string().min(2).nullable(),
    dateReviewed: isoDate,
  })
  .strict()
  .superRefine((m, ctx) => {
    if ((m.unit === 'count') !== (m.denominator === null)) {
      ctx.addIssue({ code: 'custom', path: ['denominator'], message: 'a count measure has no denominator, and only a count measure' });
    }
    if ((m.denominator === null) !== (m.denominatorNoun === null)) {
      ctx.addIssue({ code: 'custom', path: ['denominatorNoun'], message: 'a measure has a denominator noun exactly when it has a denominator' });
    }
    if (new Set(m.breakdowns).size !== m.breakdowns.length) {
      ctx.addIssue({ code: 'custom', path: ['breakdowns'], message: 'breakdowns must not repeat' });
    }
  });

export type MeasureDefinition = z.infer<typeof measureDefinitionSchema>;

/** A breakdown value as it appears in results: '' for the whole population, else `dimension=value`. */
export type BreakdownKey = string;
