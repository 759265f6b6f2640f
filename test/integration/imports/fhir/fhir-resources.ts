/** Code systems and small FHIR resources the FHIR import's specs build their inputs from. */
export const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
export const SCT = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';

/** An Organization by its ODS code, part of `parent` where given. */
export const organisation = (code: string, parent?: string) => ({
  resourceType: 'Organization',
  id: code,
  identifier: [{ system: ODS, value: code }],
  name: `Org ${code}`,
  ...(parent ? { partOf: { reference: `Organization/${parent}` } } : {}),
});

/** Practice A81001 with its chain up to region Y63: PCN U12345, sub-ICB 00L, ICB QHM. */
export const A81001_CHAIN = [organisation('Y63'), organisation('QHM', 'Y63'), organisation('00L', 'QHM'), organisation('U12345', '00L'), organisation('A81001', 'U12345')];

/** NDJSON of the resources, one a line (a string is written as it is: a line that is not a resource). */
export const ndjson = (lines: readonly (object | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

/** A collection Bundle of the resources. */
export const bundle = (resources: readonly object[]) => JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });

/** The project's registration extension: a practice by its ODS code and a period. */
export const registration = (practice: string, period: { start: string; end?: string }) => ({
  url: 'urn:pcsp-insights:extension:registration',
  extension: [{ url: 'practice', valueReference: { identifier: { system: ODS, value: practice } } }, { url: 'period', valuePeriod: period }],
});

/** A female Patient by NHS number, with her registrations. */
export const patient = (id: string, nhsNumber: string, birthDate: string, registrations: readonly ReturnType<typeof registration>[]) => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: NHS, value: nhsNumber }],
  gender: 'female',
  birthDate,
  extension: registrations,
});

/** A Condition of a patient: diabetes (SNOMED CT 44054006, register DM) from its onset. */
export const condition = (id: string, subject: string, onset: string) => ({
  resourceType: 'Condition',
  id,
  code: { coding: [{ system: SCT, code: '44054006' }] },
  subject: { reference: `Patient/${subject}` },
  onsetDateTime: onset,
});
