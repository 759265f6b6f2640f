import { NhsNumberPseudonymiser } from '../imports/patient-identity';
import { carePlanningCodesFrom, loadFhirCodeLists } from './code-lists';
import { FhirToContract, type ContractFile, type ContractRowSink, type ResourceIssue } from './fhir-to-contract';

const SCT = 'http://snomed.info/sct';
/** A code system of this test only: no SNOMED CT code for these reasons has been verified (see care-planning-codes.json). */
const TEST_SYSTEM = 'urn:test:care-planning';

describe('care-planning code list: adjustment reasons', () => {
  it('gives each adjustment code its reason, and refuses a reason outside the contract or on another meaning', () => {
    const codes = carePlanningCodesFrom({
      system: TEST_SYSTEM,
      codes: [
        { code: 'unsuitable-1', meaning: 'adjustment', reason: 'unsuitable' },
        { code: 'agreed-1', meaning: 'plan_agreed' },
      ],
    });
    expect([...codes]).toEqual([
      [`${TEST_SYSTEM}|unsuitable-1`, { meaning: 'adjustment', reason: 'unsuitable' }],
      [`${TEST_SYSTEM}|agreed-1`, { meaning: 'plan_agreed' }],
    ]);
    expect(() => carePlanningCodesFrom({ system: TEST_SYSTEM, codes: [{ code: 'x', meaning: 'adjustment' }] })).toThrow(
      'care-planning-codes.json: adjustment x needs a reason of declined, unsuitable, no_response, service_unavailable, not none',
    );
    expect(() => carePlanningCodesFrom({ system: TEST_SYSTEM, codes: [{ code: 'x', meaning: 'adjustment', reason: 'refused' }] })).toThrow('not refused');
    expect(() => carePlanningCodesFrom({ system: TEST_SYSTEM, codes: [{ code: 'x', meaning: 'plan_review', reason: 'declined' }] })).toThrow(
      'care-planning-codes.json: x is not an adjustment but has a reason',
    );
    expect(() => carePlanningCodesFrom({ system: TEST_SYSTEM, codes: [{ code: 'x', meaning: 'declined' }] })).toThrow('x has meaning declined');
  });

  it("keeps the repository's one adjustment code as declined", () => {
    expect(loadFhirCodeLists().carePlanning.get(`${SCT}|1325711000000103`)).toEqual({ meaning: 'adjustment', reason: 'declined' });
  });

  it('writes the reason of the code a Procedure or an Observation carries into care_plan_adjustments.csv', () => {
    const codes = loadFhirCodeLists();
    codes.carePlanning = new Map([...codes.carePlanning, ...carePlanningCodesFrom({ system: TEST_SYSTEM, codes: [{ code: 'unavailable-1', meaning: 'adjustment', reason: 'service_unavailable' }] })]);
    const rows: [ContractFile, readonly string[]][] = [];
    const issues: ResourceIssue[] = [];
    const sink: ContractRowSink = { row: (file, values) => rows.push([file, values]), issue: (issue) => issues.push(issue) };
    const stored = { get: (type: 'Patient' | 'Organization', id: string) => (type === 'Patient' && id === 'p1' ? 'PSEUDONYM-1' : undefined) };
    const converter = new FhirToContract(codes, new NhsNumberPseudonymiser('k'.repeat(32)), stored, sink);
    const place = { source: 'Procedure.ndjson', line: 1, unit: 'line' as const };
    converter.add({ resourceType: 'Procedure', id: 'a1', status: 'completed', code: { coding: [{ system: TEST_SYSTEM, code: 'unavailable-1' }] }, subject: { reference: 'Patient/p1' }, performedDateTime: '2025-04-01T09:00:00Z' }, place);
    converter.add({ resourceType: 'Observation', id: 'a2', status: 'final', code: { coding: [{ system: SCT, code: '1325711000000103' }] }, subject: { reference: 'Patient/p1' }, effectiveDateTime: '2025-05-02' }, { ...place, line: 2 });
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      ['care_plan_adjustments.csv', ['PSEUDONYM-1', '2025-04-01', 'service_unavailable']],
      ['care_plan_adjustments.csv', ['PSEUDONYM-1', '2025-05-02', 'declined']],
    ]);
  });
});
