import type { ExtractFileName } from '../imports/extract-files';
import { checkPatientId, maskIdentifier, type NhsNumberPseudonymiser } from '../imports/patient-identity';
import { codeKey, SNOMED_CT, type AdjustmentReason, type CarePlanningCode, type FhirCodeLists } from './code-lists';

/** Identifier systems and extensions the importer reads (UK Core where one exists, else the project's own). */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_CODE_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
/** A pseudonym made upstream (the flat extract's `patient_id`), for sources that never see NHS numbers. */
export const PATIENT_ID_SYSTEM = 'urn:pcsp-insights:id:patient-id';
/** Project extensions: UK Core has none for these facts of the contract. */
export const IMD_QUINTILE_EXTENSION = 'urn:pcsp-insights:extension:imd-quintile';
export const REGISTRATION_EXTENSION = 'urn:pcsp-insights:extension:registration';
export const PLAN_SHARED_EXTENSION = 'urn:pcsp-insights:extension:plan-shared';
export const CARER_INVOLVED_EXTENSION = 'urn:pcsp-insights:extension:carer-involved';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ACT_PRIORITY = 'http://terminology.hl7.org/CodeSystem/v3-ActPriority';

/** The resource types mapped, in the order they are read (a type may refer to the ones before it). */
export const FHIR_RESOURCE_TYPES = ['Organization', 'Patient', 'CarePlan', 'Condition', 'Encounter', 'Procedure', 'Observation'] as const;
export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number];
export const isMappedResourceType = (type: unknown): type is FhirResourceType => (FHIR_RESOURCE_TYPES as readonly unknown[]).includes(type);

/** The contract files the FHIR import writes, and their columns (patients always by `patient_id`: the pseudonym). */
export const CONTRACT_COLUMNS = {
  'practices.csv': ['practice_code', 'practice_name', 'pcn_code', 'pcn_name', 'sub_icb_code', 'sub_icb_name', 'icb_code', 'icb_name', 'region_code', 'region_name'],
  'patients.csv': ['patient_id', 'birth_date', 'sex', 'ethnic_group', 'imd_quintile', 'died_on'],
  'registrations.csv': ['patient_id', 'practice_code', 'registered_on', 'deregistered_on'],
  'conditions.csv': ['patient_id', 'condition', 'snomed_code', 'diagnosed_on', 'resolved_on'],
  'care_plans.csv': ['plan_id', 'patient_id', 'practice_code', 'agreed_on', 'review_due_on', 'prepared_on', 'shared_on', 'carer_involved'],
  'care_plan_reviews.csv': ['plan_id', 'reviewed_on'],
  'care_plan_adjustments.csv': ['patient_id', 'recorded_on', 'reason'],
  'observations.csv': ['patient_id', 'code', 'value', 'observed_on'],
  'admissions.csv': ['patient_id', 'admitted_on', 'emergency'],
} as const satisfies Partial<Record<ExtractFileName, readonly string[]>>;
export type ContractFile = keyof typeof CONTRACT_COLUMNS;
export const CONTRACT_FILES = Object.keys(CONTRACT_COLUMNS) as ContractFile[];

/** Where a resource was read: the source file and its line (NDJSON) or entry number (Bundle). */
export interface ResourcePlace {
  source: string;
  /** NDJSON line (1-based), or the Bundle entry's index + 1. */
  line: number;
  /** 'line' for NDJSON, 'entry' for a Bundle. */
  unit: 'line' | 'entry';
}

/** A problem with a resource: named by resource (Type/id), FHIR path and place. */
export interface ResourceIssue {
  severity: 'error' | 'warning';
  /** The contract file whose transaction it belongs to (an error rejects that file). */
  file: ContractFile | null;
  place: ResourcePlace;
  resource: string;
  path: string | null;
  value: string | null;
  rule: string;
}

/** Which element of the resource each contract column came from: for naming the path of a row's error. */
export type ColumnPaths = Readonly<Record<string, string>>;

export interface ContractRowSink {
  row(file: ContractFile, values: readonly string[], place: ResourcePlace, resource: string, paths: ColumnPaths): void;
  issue(issue: ResourceIssue): void;
}

/** What the import counts beside the rows: resources by type, skipped types, unknown codes. */
export interface FhirTally {
  resources: Record<string, number>;
  skippedTypes: Record<string, number>;
  /** `ResourceType system|code` → count, for a data manager to extend the code lists. */
  unknownCodes: Record<string, number>;
}

/** Keys stored by earlier imports: FHIR Patient id → pseudonym, Organization id → ODS code. */
export interface StoredFhirKeys {
  get(type: 'Patient' | 'Organization', id: string): string | undefined;
}

type Json = Record<string, unknown>;
interface Coding {
  system?: string;
  code?: string;
}
interface Reference {
  reference?: string;
  identifier?: { system?: string; value?: string };
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** The date part of a FHIR date or dateTime (the contract keeps days). */
const day = (value: unknown): string => {
  const text = str(value);
  if (!text) return '';
  return text.length > 10 && text[10] === 'T' ? text.slice(0, 10) : text;
};
const codings = (concept: unknown): Coding[] => asArray(isObject(concept) ? concept.coding : undefined).filter(isObject) as Coding[];
const conceptsCodings = (concepts: unknown): Coding[] => asArray(concepts).flatMap(codings);
const extensionsOf = (resource: Json, url: string): Json[] => asArray(resource.extension).filter((e): e is Json => isObject(e) && e.url === url);

const PATIENT_PATHS_ID = 'Patient.identifier';

/**
 * Turns FHIR R4 resources into the rows of the flat extract's files (data contract §2), keeping
 * for each row the resource and element it came from. Resources must come in FHIR_RESOURCE_TYPES
 * order (Organizations are held until finishOrganizations, since a practice's row needs its whole
 * partOf chain); references resolve within the import (by Type/id or Bundle fullUrl), by identifier
 * (NHS number, ODS code), or against the keys stored by earlier imports.
 */
export class FhirToContract {
  readonly tally: FhirTally = { resources: {}, skippedTypes: {}, unknownCodes: {} };
  /** Patient references (Type/id and fullUrl) → pseudonym, and the ids to store when patients.csv is applied. */
  readonly patientKeys = new Map<string, string>();
  /** Organization references → ODS code. */
  readonly organisationKeys = new Map<string, string>();
  private readonly organisations: { resource: Json; place: ResourcePlace; fullUrl?: string }[] = [];
  private readonly planIds = new Map<string, string>();

  constructor(
    private readonly codes: FhirCodeLists,
    private readonly pseudonymiser: NhsNumberPseudonymiser,
    private readonly stored: StoredFhirKeys,
    private readonly sink: ContractRowSink,
  ) {}

  /** Maps one resource; `fullUrl` is its Bundle entry's, if any. */
  add(resource: unknown, place: ResourcePlace, fullUrl?: string): void {
    if (!isObject(resource) || typeof resource.resourceType !== 'string') {
      this.sink.issue({ severity: 'error', file: null, place, resource: '(not a resource)', path: 'resourceType', value: null, rule: 'is not a FHIR resource: a JSON object with resourceType is required' });
      return;
    }
    const type = resource.resourceType;
    if (!isMappedResourceType(type)) {
      this.tally.skippedTypes[type] = (this.tally.skippedTypes[type] ?? 0) + 1;
      return;
    }
    this.tally.resources[type] = (this.tally.resources[type] ?? 0) + 1;
    const id = str(resource.id);
    const name = `${type}/${id ?? '(no id)'}`;
    const context: Context = { resource, place, name, type, fullUrl };
    switch (type) {
      case 'Organization':
        this.organisations.push({ resource, place, fullUrl });
        this.indexOrganisation(context);
        return;
      case 'Patient':
        return this.patient(context);
      case 'CarePlan':
        return this.carePlan(context);
      case 'Condition':
        return this.condition(context);
      case 'Encounter':
        return this.encounter(context);
      case 'Procedure':
        return this.procedure(context);
      case 'Observation':
        return this.observation(context);
    }
  }

  private error(context: Context, file: ContractFile | null, path: string | null, value: string | null, rule: string): void {
    this.sink.issue({ severity: 'error', file, place: context.place, resource: context.name, path, value, rule });
  }

  private unknownCode(context: Context, found: Coding[]): void {
    const shown = found.length ? found.map((c) => codeKey(c.system, c.code)) : ['(no code)'];
    for (const key of shown) {
      const label = `${context.type} ${key}`;
      this.tally.unknownCodes[label] = (this.tally.unknownCodes[label] ?? 0) + 1;
    }
  }

  private referenceKeys(context: Context): string[] {
    const id = str(context.resource.id);
    return [...(id ? [`${context.type}/${id}`] : []), ...(context.fullUrl ? [context.fullUrl] : [])];
  }

  // --- Organization -------------------------------------------------------------------------

  private indexOrganisation(context: Context): void {
    const ods = asArray(context.resource.identifier).find((i): i is Json => isObject(i) && i.system === ODS_CODE_SYSTEM);
    const code = ods ? str(ods.value) : undefined;
    if (!code) {
      this.error(context, 'practices.csv', 'Organization.identifier', null, `needs an ODS code identifier (system ${ODS_CODE_SYSTEM})`);
      return;
    }
    for (const key of this.referenceKeys(context)) this.organisationKeys.set(key, code);
  }

  private organisationCode(reference: unknown): string | undefined {
    if (!isObject(reference)) return undefined;
    const ref = reference as Reference;
    if (ref.identifier?.system === ODS_CODE_SYSTEM && ref.identifier.value) return ref.identifier.value;
    const target = ref.reference;
    if (!target) return undefined;
    const local = this.organisationKeys.get(target) ?? this.organisationKeys.get(typeId(target) ?? '');
    if (local) return local;
    const id = typeId(target);
    return id?.startsWith('Organization/') ? this.stored.get('Organization', id.slice('Organization/'.length)) : undefined;
  }

  /**
   * Writes a practices.csv row for every Organization with four levels above it (practice → PCN →
   * sub-ICB → ICB → region); an Organization that is nobody's parent and has fewer is an error.
   */
  finishOrganizations(): void {
    const byCode = new Map<string, { resource: Json; place: ResourcePlace; parent?: string; name: string }>();
    const parents = new Set<string>();
    for (const { resource, place } of this.organisations) {
      const ods = asArray(resource.identifier).find((i): i is Json => isObject(i) && i.system === ODS_CODE_SYSTEM);
      const code = ods ? str(ods.value) : undefined;
      if (!code) continue;
      const partOf = resource.partOf;
      const parent = partOf === undefined ? undefined : this.organisationCode(partOf);
      if (partOf !== undefined && parent === undefined) {
        const context: Context = { resource, place, name: `Organization/${str(resource.id) ?? '(no id)'}`, type: 'Organization' };
        this.error(context, 'practices.csv', 'Organization.partOf', describeReference(partOf), 'refers to no Organization of this import or an earlier one');
        continue;
      }
      if (parent) parents.add(parent);
      byCode.set(code, { resource, place, parent, name: str(resource.name) ?? '' });
    }
    for (const [code, org] of byCode) {
      if (parents.has(code)) continue;
      const chain = [code];
      for (let at = org.parent; at !== undefined && chain.length <= 5; at = byCode.get(at)?.parent) chain.push(at);
      const context: Context = { resource: org.resource, place: org.place, name: `Organization/${str(org.resource.id) ?? '(no id)'}`, type: 'Organization' };
      if (chain.length !== 5 || byCode.get(chain[4])?.parent !== undefined) {
        this.error(
          context,
          'practices.csv',
          'Organization.partOf',
          code,
          `a practice needs the chain practice → PCN → sub-ICB → ICB → region through partOf, all in this import; found ${chain.join(' → ')}`,
        );
        continue;
      }
      const values = chain.flatMap((c) => [c, byCode.get(c)?.name ?? '']);
      this.sink.row('practices.csv', values, org.place, context.name, PRACTICE_PATHS);
    }
  }

  // --- Patient ------------------------------------------------------------------------------

  private patient(context: Context): void {
    const { resource } = context;
    const identifiers = asArray(resource.identifier).filter(isObject);
    const nhs = identifiers.find((i) => i.system === NHS_NUMBER_SYSTEM);
    const given = identifiers.find((i) => i.system === PATIENT_ID_SYSTEM);
    let pseudonym: string | undefined;
    if (nhs) {
      const raw = str(nhs.value) ?? '';
      const checked = this.pseudonymiser.pseudonymise(raw);
      if ('rule' in checked) {
        this.error(context, 'patients.csv', PATIENT_PATHS_ID, maskIdentifier(raw), `NHS number ${checked.rule}`);
        return;
      }
      pseudonym = checked.pseudonym;
    } else if (given) {
      const raw = str(given.value) ?? '';
      const checked = checkPatientId(raw);
      if ('rule' in checked) {
        this.error(context, 'patients.csv', PATIENT_PATHS_ID, maskIdentifier(raw), `patient id ${checked.rule}`);
        return;
      }
      pseudonym = checked.pseudonym;
    } else {
      this.error(context, 'patients.csv', PATIENT_PATHS_ID, null, `needs an NHS number identifier (system ${NHS_NUMBER_SYSTEM}) or a pseudonym (system ${PATIENT_ID_SYSTEM})`);
      return;
    }
    for (const key of this.referenceKeys(context)) this.patientKeys.set(key, pseudonym);

    const gender = str(resource.gender);
    const sex = gender === undefined ? 'U' : ({ male: 'M', female: 'F', other: 'I', unknown: 'U' } as Record<string, string>)[gender] ?? gender;
    const ethnicCodes = extensionsOf(resource, this.codes.ethnicCategoryExtension).flatMap((e) => codings(e.valueCodeableConcept));
    let ethnic = 'unknown';
    if (ethnicCodes.length) {
      const group = ethnicCodes.map((c) => this.codes.ethnicCategories.get(c.code ?? '')).find((g) => g !== undefined);
      if (group) ethnic = group;
      else this.unknownCode(context, ethnicCodes);
    }
    const imd = extensionsOf(resource, IMD_QUINTILE_EXTENSION)[0]?.valueInteger;
    const died = day(resource.deceasedDateTime);
    this.sink.row(
      'patients.csv',
      [pseudonym, str(resource.birthDate) ?? '', sex, ethnic, imd === undefined ? '' : String(imd), died],
      context.place,
      context.name,
      PATIENT_PATHS,
    );

    const registrations = extensionsOf(resource, REGISTRATION_EXTENSION);
    if (registrations.length === 0 && resource.generalPractitioner !== undefined) {
      this.error(context, 'registrations.csv', 'Patient.generalPractitioner', null, `the registration period is missing: give it in the extension ${REGISTRATION_EXTENSION} (practice and period)`);
    }
    registrations.forEach((registration, index) => {
      const parts = asArray(registration.extension).filter(isObject);
      const practice = parts.find((p) => p.url === 'practice')?.valueReference;
      const period = parts.find((p) => p.url === 'period')?.valuePeriod;
      const path = `Patient.extension(registration)[${index}]`;
      const code = this.organisationCode(practice);
      if (code === undefined) {
        this.error(context, 'registrations.csv', `${path}.practice`, describeReference(practice), 'refers to no Organization of this import or an earlier one');
        return;
      }
      const start = isObject(period) ? day(period.start) : '';
      const end = isObject(period) ? day(period.end) : '';
      this.sink.row('registrations.csv', [pseudonym, code, start, end], context.place, context.name, {
        patient_id: PATIENT_PATHS_ID,
        practice_code: `${path}.practice`,
        registered_on: `${path}.period.start`,
        deregistered_on: `${path}.period.end`,
      });
    });
  }

  /** The pseudonym of the patient a reference names, or undefined after reporting the broken reference. */
  private subject(context: Context, file: ContractFile, path: string, reference: unknown): string | undefined {
    const ref = isObject(reference) ? (reference as Reference) : undefined;
    if (ref?.identifier?.system === NHS_NUMBER_SYSTEM || ref?.identifier?.system === PATIENT_ID_SYSTEM) {
      const raw = ref.identifier.value ?? '';
      const checked = ref.identifier.system === NHS_NUMBER_SYSTEM ? this.pseudonymiser.pseudonymise(raw) : checkPatientId(raw);
      if ('rule' in checked) {
        this.error(context, file, `${path}.identifier`, maskIdentifier(raw), checked.rule);
        return undefined;
      }
      return checked.pseudonym;
    }
    const target = ref?.reference;
    if (target) {
      const id = typeId(target);
      const found =
        this.patientKeys.get(target) ??
        (id ? this.patientKeys.get(id) : undefined) ??
        (id?.startsWith('Patient/') ? this.stored.get('Patient', id.slice('Patient/'.length)) : undefined);
      if (found) return found;
    }
    this.error(context, file, path, describeReference(reference), target ? 'refers to no Patient of this import or an earlier one' : 'a reference to the Patient is required');
    return undefined;
  }

  /** The plan_id a reference names: a CarePlan's id, resolved through a Bundle's fullUrl if need be. */
  private planReference(reference: unknown): string | undefined {
    const target = isObject(reference) ? str((reference as Reference).reference) : undefined;
    if (!target) return undefined;
    const local = this.planIds.get(target);
    if (local) return local;
    const id = typeId(target);
    return id?.startsWith('CarePlan/') ? id.slice('CarePlan/'.length) : undefined;
  }

  private meaningOf(concepts: unknown): Partial<CarePlanningCode> & { found: Coding[] } {
    const found = conceptsCodings(concepts);
    const known = found.map((c) => this.codes.carePlanning.get(codeKey(c.system, c.code))).find((m) => m !== undefined);
    return { ...known, found };
  }

  // --- CarePlan -----------------------------------------------------------------------------

  private carePlan(context: Context): void {
    const { resource } = context;
    if (resource.status === 'entered-in-error' || (resource.intent !== undefined && resource.intent !== 'plan')) return;
    const { meaning, found } = this.meaningOf([...asArray(resource.category), ...asArray(resource.code)]);
    if (meaning !== 'plan_agreed') {
      this.unknownCode(context, found);
      return;
    }
    const id = str(resource.id);
    if (!id) {
      this.error(context, 'care_plans.csv', 'CarePlan.id', null, 'a care plan needs an id: it is the plan_id');
      return;
    }
    for (const key of this.referenceKeys(context)) this.planIds.set(key, id);
    const patient = this.subject(context, 'care_plans.csv', 'CarePlan.subject', resource.subject);
    const practice = this.organisationCode(resource.author);
    if (practice === undefined) this.error(context, 'care_plans.csv', 'CarePlan.author', describeReference(resource.author), 'must refer to the practice (an Organization of this import or an earlier one)');
    if (patient === undefined || practice === undefined) return;
    const period = isObject(resource.period) ? resource.period : {};
    const agreed = day(period.start) || day(resource.created);
    const prepared = asArray(resource.activity)
      .filter(isObject)
      .map((a) => (isObject(a.detail) ? a.detail : undefined))
      .find((d) => d && d.status !== 'cancelled' && d.status !== 'entered-in-error' && this.meaningOf(d.code).meaning === 'summary_sent');
    const shared = extensionsOf(resource, PLAN_SHARED_EXTENSION)[0];
    const carer = extensionsOf(resource, CARER_INVOLVED_EXTENSION)[0]?.valueBoolean;
    this.sink.row(
      'care_plans.csv',
      [
        id,
        patient,
        practice,
        agreed,
        day(period.end),
        prepared && isObject(prepared.scheduledPeriod) ? day(prepared.scheduledPeriod.start) : '',
        shared ? day(shared.valueDate ?? shared.valueDateTime) : '',
        carer === true ? 'true' : carer === false ? 'false' : '',
      ],
      context.place,
      context.name,
      { ...CARE_PLAN_PATHS, agreed_on: day(period.start) ? 'CarePlan.period.start' : 'CarePlan.created' },
    );
    asArray(resource.replaces).forEach((replaced, index) => {
      const planId = this.planReference(replaced);
      if (planId === undefined) {
        this.error(context, 'care_plan_reviews.csv', `CarePlan.replaces[${index}]`, describeReference(replaced), 'must refer to a CarePlan');
        return;
      }
      this.sink.row('care_plan_reviews.csv', [planId, agreed], context.place, context.name, {
        plan_id: `CarePlan.replaces[${index}]`,
        reviewed_on: 'CarePlan.period.start',
      });
    });
  }

  private review(context: Context, basedOn: unknown, date: string, datePath: string): void {
    const plans = asArray(basedOn).filter((r) => this.planReference(r) !== undefined);
    if (plans.length === 0) {
      this.error(context, 'care_plan_reviews.csv', `${context.type}.basedOn`, describeReference(asArray(basedOn)[0]), 'a care plan review must refer to its CarePlan through basedOn');
      return;
    }
    const index = asArray(basedOn).indexOf(plans[0]);
    this.sink.row('care_plan_reviews.csv', [this.planReference(plans[0]) as string, date], context.place, context.name, {
      plan_id: `${context.type}.basedOn[${index}]`,
      reviewed_on: datePath,
    });
  }

  private adjustment(context: Context, date: string, datePath: string, reason: AdjustmentReason): void {
    const patient = this.subject(context, 'care_plan_adjustments.csv', `${context.type}.subject`, context.resource.subject);
    if (patient === undefined) return;
    this.sink.row('care_plan_adjustments.csv', [patient, date, reason], context.place, context.name, {
      patient_id: `${context.type}.subject`,
      recorded_on: datePath,
      reason: `${context.type}.code`,
    });
  }

  // --- Condition ----------------------------------------------------------------------------

  private condition(context: Context): void {
    const { resource } = context;
    const verification = codings(resource.verificationStatus).map((c) => c.code);
    if (verification.includes('entered-in-error') || verification.includes('refuted')) return;
    const found = codings(resource.code);
    const match = found.find((c) => c.system === SNOMED_CT && this.codes.registers.has(codeKey(c.system, c.code)));
    if (!match) {
      this.unknownCode(context, found);
      return;
    }
    const patient = this.subject(context, 'conditions.csv', 'Condition.subject', resource.subject);
    if (patient === undefined) return;
    const onset = day(resource.onsetDateTime);
    this.sink.row(
      'conditions.csv',
      [patient, this.codes.registers.get(codeKey(match.system, match.code)) as string, match.code as string, onset || day(resource.recordedDate), day(resource.abatementDateTime)],
      context.place,
      context.name,
      { ...CONDITION_PATHS, diagnosed_on: onset ? 'Condition.onsetDateTime' : 'Condition.recordedDate' },
    );
  }

  // --- Encounter ----------------------------------------------------------------------------

  private encounter(context: Context): void {
    const { resource } = context;
    if (resource.status === 'entered-in-error' || resource.status === 'cancelled') return;
    const period = isObject(resource.period) ? resource.period : {};
    const { meaning, found } = this.meaningOf(resource.type);
    if (meaning === 'plan_review') {
      this.review(context, resource.basedOn, day(period.start), 'Encounter.period.start');
      return;
    }
    const encounterClass = isObject(resource.class) ? (resource.class as Coding) : undefined;
    if (encounterClass?.system === ACT_CODE && ['IMP', 'ACUTE', 'NONAC'].includes(encounterClass.code ?? '')) {
      const patient = this.subject(context, 'admissions.csv', 'Encounter.subject', resource.subject);
      if (patient === undefined) return;
      const emergency = codings(resource.priority).some((c) => c.system === ACT_PRIORITY && c.code === 'EM');
      this.sink.row('admissions.csv', [patient, day(period.start), emergency ? 'true' : 'false'], context.place, context.name, ADMISSION_PATHS);
      return;
    }
    this.unknownCode(context, encounterClass ? [encounterClass, ...found] : found);
  }

  // --- Procedure ----------------------------------------------------------------------------

  private procedure(context: Context): void {
    const { resource } = context;
    if (resource.status === 'entered-in-error' || resource.status === 'not-done') return;
    const { meaning, reason, found } = this.meaningOf(resource.code);
    const performedPeriod = isObject(resource.performedPeriod) ? resource.performedPeriod : undefined;
    const date = day(resource.performedDateTime) || day(performedPeriod?.start);
    const datePath = day(resource.performedDateTime) ? 'Procedure.performedDateTime' : 'Procedure.performedPeriod.start';
    if (meaning === 'plan_review') this.review(context, resource.basedOn, date, datePath);
    else if (meaning === 'adjustment' && reason) this.adjustment(context, date, datePath, reason);
    else this.unknownCode(context, found);
  }

  // --- Observation --------------------------------------------------------------------------

  private observation(context: Context): void {
    const { resource } = context;
    if (resource.status === 'entered-in-error' || resource.status === 'cancelled') return;
    const effectivePeriod = isObject(resource.effectivePeriod) ? resource.effectivePeriod : undefined;
    const date = day(resource.effectiveDateTime) || day(effectivePeriod?.start);
    const datePath = day(resource.effectiveDateTime) ? 'Observation.effectiveDateTime' : 'Observation.effectivePeriod.start';
    const planning = this.meaningOf(resource.code);
    if (planning.meaning === 'adjustment' && planning.reason) {
      this.adjustment(context, date, datePath, planning.reason);
      return;
    }
    const measured: { concept: unknown; quantity: unknown; path: string }[] = [{ concept: resource.code, quantity: resource.valueQuantity, path: 'Observation' }];
    asArray(resource.component).forEach((component, index) => {
      if (isObject(component)) measured.push({ concept: component.code, quantity: component.valueQuantity, path: `Observation.component[${index}]` });
    });
    let mapped = 0;
    let patient: string | undefined | null = null;
    for (const { concept, quantity, path } of measured) {
      const coding = codings(concept).find((c) => this.codes.observations.has(codeKey(c.system, c.code)));
      if (!coding) continue;
      mapped++;
      const entry = this.codes.observations.get(codeKey(coding.system, coding.code));
      if (!entry) continue;
      if (patient === null) patient = this.subject(context, 'observations.csv', 'Observation.subject', resource.subject);
      if (patient === undefined) return;
      const value = isObject(quantity) ? quantity.value : undefined;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        this.error(context, 'observations.csv', `${path}.valueQuantity.value`, value === undefined ? null : String(value), `a ${entry.observation} observation needs a numeric valueQuantity`);
        continue;
      }
      const unit = isObject(quantity) ? (str(quantity.code) ?? str(quantity.unit) ?? '') : '';
      if (!entry.units.includes(unit)) {
        const allowed = entry.units.map((u) => (u === '' ? 'no unit' : u)).join(' or ');
        this.error(context, 'observations.csv', `${path}.valueQuantity.code`, unit || '(none)', `the unit of ${codeKey(coding.system, coding.code)} must be ${allowed} (UCUM)`);
        continue;
      }
      // IFCC (mmol/mol) = 10.929 × (DCCT % − 2.15): the IFCC–NGSP master equation.
      const converted = entry.convert === 'dcct_percent_to_ifcc' ? Math.round((value - 2.15) * 10.929 * 10) / 10 : value;
      this.sink.row('observations.csv', [patient, entry.observation, String(converted), date], context.place, context.name, {
        patient_id: 'Observation.subject',
        code: `${path}.code`,
        value: `${path}.valueQuantity.value`,
        observed_on: datePath,
      });
    }
    if (mapped === 0) this.unknownCode(context, [...codings(resource.code), ...measured.slice(1).flatMap((m) => codings(m.concept))]);
  }
}

interface Context {
  resource: Json;
  place: ResourcePlace;
  name: string;
  type: FhirResourceType;
  fullUrl?: string;
}

const PRACTICE_PATHS: ColumnPaths = {
  practice_code: 'Organization.identifier',
  practice_name: 'Organization.name',
  pcn_code: 'Organization.partOf',
  pcn_name: 'Organization.partOf',
  sub_icb_code: 'Organization.partOf.partOf',
  sub_icb_name: 'Organization.partOf.partOf',
  icb_code: 'Organization.partOf.partOf.partOf',
  icb_name: 'Organization.partOf.partOf.partOf',
  region_code: 'Organization.partOf.partOf.partOf.partOf',
  region_name: 'Organization.partOf.partOf.partOf.partOf',
};
const PATIENT_PATHS: ColumnPaths = {
  patient_id: PATIENT_PATHS_ID,
  birth_date: 'Patient.birthDate',
  sex: 'Patient.gender',
  ethnic_group: 'Patient.extension(ethnicCategory)',
  imd_quintile: 'Patient.extension(imd-quintile)',
  died_on: 'Patient.deceasedDateTime',
};
const CARE_PLAN_PATHS: ColumnPaths = {
  plan_id: 'CarePlan.id',
  patient_id: 'CarePlan.subject',
  practice_code: 'CarePlan.author',
  review_due_on: 'CarePlan.period.end',
  prepared_on: 'CarePlan.activity.detail.scheduledPeriod.start',
  shared_on: 'CarePlan.extension(plan-shared)',
  carer_involved: 'CarePlan.extension(carer-involved)',
};
const CONDITION_PATHS: ColumnPaths = {
  patient_id: 'Condition.subject',
  condition: 'Condition.code',
  snomed_code: 'Condition.code',
  resolved_on: 'Condition.abatementDateTime',
};
const ADMISSION_PATHS: ColumnPaths = { patient_id: 'Encounter.subject', admitted_on: 'Encounter.period.start', emergency: 'Encounter.priority' };

/** `Type/id` of a relative or absolute reference (a version suffix dropped), or undefined. */
export function typeId(reference: string): string | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** A reference as shown in a message (identifiers masked). */
function describeReference(reference: unknown): string | null {
  if (!isObject(reference)) return null;
  const ref = reference as Reference;
  if (ref.reference) return ref.reference.length > 100 ? `${ref.reference.slice(0, 100)}…` : ref.reference;
  if (ref.identifier?.value) return `${ref.identifier.system ?? ''}|${maskIdentifier(ref.identifier.value)}`;
  return null;
}
