import { stageCsvFile, type FileIssue, type RecordRowWriter } from './csv-stager';
import { extractFileSpecs } from './extract-files';
import { NhsNumberPseudonymiser } from './patient-identity';

const specs = extractFileSpecs('2026-01-31');
const pseudonymiser = new NhsNumberPseudonymiser('k'.repeat(32));

async function stage(file: keyof typeof specs, content: string | Buffer, chunkSize = 7, recordRow?: RecordRowWriter) {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
  }
  const issues: FileIssue[] = [];
  let copy = '';
  let bytesRead = 0;
  const result = await stageCsvFile(chunks(), specs[file], pseudonymiser, {
    issue: (issue) => issues.push(issue),
    write: async (text) => {
      copy += text;
    },
    bytes: (n) => {
      bytesRead += n;
    },
    rows: () => undefined,
  }, recordRow);
  return { result, issues, copy, bytesRead };
}

describe('staging a CSV file', () => {
  it('writes COPY text with line numbers, a BOM and CRLF line ends notwithstanding', async () => {
    const { result, issues, copy, bytesRead } = await stage('training.csv', '\uFEFFpractice_code,trained_on,programme,staff_trained\r\nA81001,2024-01-01,PCSP,3\r\n\r\nA81002,2024-02-01,"Tab\there",2\r\n');
    expect(issues).toEqual([]);
    expect(result).toEqual({ readable: true, identity: null, rowsRead: 2, rowsStaged: 2 });
    // line 3 is blank; the header is line 1
    expect(copy).toBe('2\tA81001\t2024-01-01\tPCSP\t3\n4\tA81002\t2024-02-01\tTab\\there\t2\n');
    expect(bytesRead).toBe(Buffer.byteLength('\uFEFFpractice_code,trained_on,programme,staff_trained\r\nA81001,2024-01-01,PCSP,3\r\n\r\nA81002,2024-02-01,"Tab\there",2\r\n'));
  });

  it('counts the lines inside quoted fields, so later rows keep their own line numbers', async () => {
    const { issues } = await stage('training.csv', 'practice_code,trained_on,programme,staff_trained\nA81001,2024-01-01,"Two\nline\nprogramme",3\nA81001,2024-01-01,PCSP,0\n');
    expect(issues).toEqual([{ severity: 'error', line: 5, column: 'staff_trained', value: '0', rule: 'must be a whole number, 1 or more' }]);
  });

  it('finds a broken UTF-8 sequence split across chunks, and its line', async () => {
    const content = Buffer.concat([Buffer.from('practice_code,trained_on,programme,staff_trained\nA81001,2024-01-01,Caf'), Buffer.from([0xc3, 0xa9]), Buffer.from(',3\nA81001,2024-01-01,Caf'), Buffer.from([0xc3, 0x28]), Buffer.from(',3\n')]);
    for (const chunkSize of [1, 2, 3, 64]) {
      const { issues } = await stage('training.csv', content, chunkSize);
      expect(issues).toEqual([{ severity: 'error', line: 3, column: null, value: null, rule: 'is not UTF-8 text (an invalid byte sequence): save the file as UTF-8 CSV' }]);
    }
  });

  it('keeps a multi-byte character split across chunks intact', async () => {
    const { issues, copy } = await stage('training.csv', 'practice_code,trained_on,programme,staff_trained\nA81001,2024-01-01,Café ☕ course,3\n', 1);
    expect(issues).toEqual([]);
    expect(copy).toBe('2\tA81001\t2024-01-01\tCafé ☕ course\t3\n');
  });

  it('pseudonymises NHS numbers and keeps only a masked copy for messages', async () => {
    const { copy } = await stage('admissions.csv', 'nhs_number,admitted_on,emergency\n943 476 5919,2024-01-01,true\n');
    const [line, pseudonym, shown, ...rest] = copy.trimEnd().split('\t');
    expect([line, pseudonym.length, shown, ...rest]).toEqual(['2', 64, '943*******', '2024-01-01', 'true']);
    expect(copy).not.toContain('9434765919');
  });

  it('writes what the record row writer makes of each checked row, for a COPY straight into the record table, and stops at the first problem', async () => {
    // line 2 passes; line 3 fails (sex X), which ends the read: line 4 is never read
    const written: { values: string[]; pseudonymLength: number; line: number }[] = [];
    const { result, issues, copy } = await stage(
      'patients.csv',
      'nhs_number,birth_date,sex,ethnic_group,imd_quintile,died_on\n943 476 5919,1950-02-03,F,white,2,\n9434765870,1960-01-01,X,white,,\n9434765870,1961-05-06,M,asian,,\n',
      7,
      (values, pseudonym, line) => {
        written.push({ values: [...values], pseudonymLength: pseudonym.length, line });
        return `${line}|${values.join('|')}\n`;
      },
    );
    expect(written).toEqual([{ values: ['1950-02-03', 'F', 'white', '2', '\\N'], pseudonymLength: 64, line: 2 }]);
    expect(copy).toBe('2|1950-02-03|F|white|2|\\N\n');
    expect(issues).toEqual([{ severity: 'error', line: 3, column: 'sex', value: 'X', rule: expect.any(String) }]);
    expect(result).toEqual({ readable: true, identity: 'nhs_number', rowsRead: 2, rowsStaged: 1, abandoned: true });
  });

  it('stops when the record row writer cannot resolve a row (a reference this load does not know)', async () => {
    const { result, issues, copy } = await stage(
      'admissions.csv',
      'patient_id,admitted_on,emergency\nP1,2024-01-01,true\nP2,2024-01-02,false\nP1,2024-01-03,true\n',
      64,
      (values, pseudonym) => (pseudonym === 'P1' ? `1\t${values.join('\t')}\n` : undefined),
    );
    expect(issues).toEqual([]);
    expect(copy).toBe('1\t2024-01-01\ttrue\n');
    expect(result).toEqual({ readable: true, identity: 'patient_id', rowsRead: 2, rowsStaged: 1, abandoned: true });
  });
});
