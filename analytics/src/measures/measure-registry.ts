import { activationMeasure } from './activation.measure';
import { carerInvolvedMeasure } from './carer-involved.measure';
import { depressionRemissionMeasure } from './depression-remission.measure';
import { diabetesControlMeasure } from './diabetes-control.measure';
import { emergencyAdmissionsMeasure } from './emergency-admissions.measure';
import { ltcPrevalenceMeasure } from './ltc-prevalence.measure';
import { MEASURE_IDS, measureDefinitionSchema, type MeasureDefinition, type MeasureId } from './measure-definition.schema';
import { multimorbidityMeasure } from './multimorbidity.measure';
import { overdueReviewsMeasure } from './overdue-reviews.measure';
import { pcaRateMeasure } from './pca-rate.measure';
import { planCoverageMultimorbidMeasure } from './plan-coverage-multimorbid.measure';
import { planCoverageMeasure } from './plan-coverage.measure';
import { planSharedMeasure } from './plan-shared.measure';
import { preparationMeasure } from './preparation.measure';
import { reviewCompletionMeasure } from './review-completion.measure';

/** Validates a list of measure definitions: each against the schema, ids unique and every id of measures.md present. */
export function validateMeasureRegistry(definitions: readonly unknown[]): readonly MeasureDefinition[] {
  const problems: string[] = [];
  const parsed: MeasureDefinition[] = [];
  definitions.forEach((definition, index) => {
    const result = measureDefinitionSchema.safeParse(definition);
    if (result.success) parsed.push(result.data);
    else for (const issue of result.error.issues) problems.push(`measure #${index} ${issue.path.join('.')}: ${issue.message}`);
  });
  const seen = new Set<string>();
  for (const m of parsed) {
    if (seen.has(m.id)) problems.push(`measure ${m.id} is declared twice`);
    seen.add(m.id);
  }
  for (const id of MEASURE_IDS) if (!seen.has(id)) problems.push(`measure ${id} is missing`);
  if (problems.length > 0) throw new Error(`Invalid measure registry:\n${problems.join('\n')}`);
  return parsed;
}

/** Every measure of measures.md, in the spec's order, validated when this module loads. */
export const MEASURES: readonly MeasureDefinition[] = validateMeasureRegistry([
  ltcPrevalenceMeasure,
  multimorbidityMeasure,
  planCoverageMeasure,
  planCoverageMultimorbidMeasure,
  pcaRateMeasure,
  preparationMeasure,
  planSharedMeasure,
  carerInvolvedMeasure,
  reviewCompletionMeasure,
  overdueReviewsMeasure,
  activationMeasure,
  diabetesControlMeasure,
  depressionRemissionMeasure,
  emergencyAdmissionsMeasure,
]);

const byId = new Map<string, MeasureDefinition>(MEASURES.map((m) => [m.id, m]));

/** The definition of one measure, or undefined for an unknown id. */
export function findMeasure(id: string): MeasureDefinition | undefined {
  return byId.get(id);
}

/** True when `id` is a measure of the registry (use it to allow-list ids from requests). */
export function isMeasureId(id: string): id is MeasureId {
  return byId.has(id);
}
