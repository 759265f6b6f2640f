import { SNOMED_CT, checkSnomedCodes, hasVerhoeffCheckDigit, isSnomedConceptId, loadFhirCodeLists } from './code-lists';

describe('SNOMED CT ids in the code lists', () => {
  it('checks the Verhoeff digit', () => {
    // 2363, digits from the right with c = d[c][p[i][digit]], starting at c = 0:
    // i=0 digit 3: p0(3) = 3, d[0][3] = 3; i=1 digit 6: p1(6) = 3, d[3][3] = 1;
    // i=2 digit 3: p2(3) = 3, d[1][3] = 4; i=3 digit 2: p3(2) = 1, d[4][1] = 0 → valid.
    expect(hasVerhoeffCheckDigit('2363')).toBe(true);
    // 2364: i=0 digit 4: d[0][4] = 4; i=1 digit 6: p1(6) = 3, d[4][3] = 2; i=2 digit 3: d[2][3] = 0; i=3 digit 2: p3(2) = 1, d[0][1] = 1 ≠ 0.
    expect(hasVerhoeffCheckDigit('2364')).toBe(false);
  });

  it('takes concept ids of the international edition and of an extension, and refuses others', () => {
    expect(isSnomedConceptId('73211009')).toBe(true); // diabetes mellitus: partition 00
    expect(isSnomedConceptId('962851000000103')).toBe(true); // UK extension: namespace 1000000, partition 10
    expect(isSnomedConceptId('73211008')).toBe(false); // one digit off: the check digit fails
    expect(isSnomedConceptId('41260017')).toBe(false); // check digit right, but partition 01 (a description id)
    expect(isSnomedConceptId('073211009')).toBe(false); // leading zero
    expect(isSnomedConceptId('2363')).toBe(false); // a valid check digit, but under 6 digits
  });

  it('finds every SNOMED CT code of the repository lists well formed (a mistyped line fails the load)', () => {
    expect(() => loadFhirCodeLists()).not.toThrow();
    // A list with a mistyped line, and a LOINC code, which is not checked as SNOMED CT.
    const lines = [{ code: '73211008' }, { system: 'http://loinc.org', code: '4548-4' }];
    expect(() => checkSnomedCodes('condition-registers.json', lines, SNOMED_CT)).toThrow(
      'condition-registers.json: 73211008 is not a SNOMED CT concept id (6 to 18 digits, partition 00 or 10, Verhoeff check digit): a mistyped code?',
    );
    expect(() => checkSnomedCodes('observation-codes.json', lines.slice(1))).not.toThrow();
  });
});
