import { mulberry32 } from '../../../../analytics/src/engine/testing/seeded-random';
import { stageCsvFile, type FileIssue, type RecordBytesWriter, type RecordRowWriter } from './csv-stager';
import { LoadedKeys, dayKey, directLoad, type DirectLoadContext } from './direct-load';
import { extractFileSpecs } from './extract-files';
import { NhsNumberPseudonymiser } from './patient-identity';

const specs = extractFileSpecs('2026-01-31');
const pseudonymiser = new NhsNumberPseudonymiser('k'.repeat(32));

async function stage(file: keyof typeof specs, content: string | Buffer, chunkSize = 7, recordRow?: RecordRowWriter, recordBytes?: RecordBytesWriter, maxLineBytes?: number) {
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
  }, recordRow, recordBytes, maxLineBytes);
  return { result, issues, copy, bytesRead };
}

/**
 * A direct load of the file twice, with the same writers: every row read as strings, then plain rows
 * read as bytes. Gives both COPY texts, the keys each load kept, and how many rows went as bytes.
 */
async function stageBothWays(file: 'patients.csv' | 'care_plans.csv' | 'registrations.csv', content: string, context: () => DirectLoadContext, chunkSize: number) {
  const spec = { ...specs[file], file };
  const asStrings = directLoad(spec, context());
  const asBytes = directLoad(spec, context());
  if (!asStrings || !asBytes) throw new Error('no direct load');
  let byteRows = 0;
  const strings = await stage(file, content, chunkSize, asStrings.write);
  const bytes = await stage(file, content, chunkSize, asBytes.write, (row, out) => {
    const written = asBytes.writeBytes(row, out);
    if (written) byteRows++;
    return written;
  });
  return { strings, bytes, byteRows, keys: [asStrings.keys, asBytes.keys], registrations: [asStrings.registrations, asBytes.registrations] };
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

  it('names the line longer than the limit: a 5 MB line without a line break, the limit lowered to 64 KiB', async () => {
    const header = 'practice_code,trained_on,programme,staff_trained\nA81001,2024-01-01,PCSP,3\n';
    const tooLong = { severity: 'error', line: 3, column: null, value: null, rule: 'is longer than 65,536 bytes, far longer than any row of an extract: is each row on a line of its own?' };
    // Read as the importer reads, in chunks of 256 KiB; also with a quote at the start of the line (csv-parse reads it).
    for (const quote of ['', '"']) {
      const content = Buffer.concat([Buffer.from(`${header}A81001,2024-01-01,${quote}`), Buffer.alloc(5 * 1024 * 1024, 'x')]);
      const { result, issues, copy } = await stage('training.csv', content, 256 * 1024, undefined, undefined, 64 * 1024);
      expect([quote, issues, result.rowsStaged, copy]).toEqual([quote, [tooLong], 1, '2\tA81001\t2024-01-01\tPCSP\t3\n']);
    }
  });

  it('quotes a header name that is not plain, so a space around it shows', async () => {
    const { issues } = await stage('training.csv', 'practice_code, trained_on,programme,staff_trained,\nA81001,2024-01-01,PCSP,3,\n');
    const columns = 'the columns of training.csv are practice_code, trained_on, programme, staff_trained';
    expect(issues).toEqual([
      { severity: 'error', line: 1, column: '" trained_on"', value: null, rule: `unknown column: remove the spaces around trained_on (${columns})` },
      { severity: 'error', line: 1, column: '""', value: null, rule: `unknown column (${columns})` },
      { severity: 'error', line: 1, column: 'trained_on', value: null, rule: 'required column is missing from the header' },
    ]);
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

  it('reads a direct load\'s plain rows as bytes, and writes the same COPY text and keeps the same keys as from strings', async () => {
    // Line 3's birth month is rewritten, so it goes as strings; line 4's NHS number, spaces and all,
    // is pseudonymised as from strings.
    const content = [
      'nhs_number,birth_date,sex,ethnic_group,imd_quintile,died_on',
      '9434765919,1950-02-03,F,white,2,',
      '9434765870,1962-03,M,asian,,2020-01-31',
      '943 476 5870,1961-05-06,M,asian,5,',
      '9991234500,2024-02-29,U,unknown,1,2024-03-01',
    ].join('\n');
    for (const chunkSize of [5, 64, 4096]) {
      const { strings, bytes, byteRows, keys } = await stageBothWays('patients.csv', content, () => ({ practices: new Set() }), chunkSize);
      expect(bytes.issues).toEqual([]);
      expect(bytes.result).toEqual({ readable: true, identity: 'nhs_number', rowsRead: 4, rowsStaged: 4 });
      expect(bytes.copy).toBe(strings.copy);
      expect(bytes.copy.split('\n')[1].split('\t').slice(2)).toEqual(['1962-03-01', 'M', 'asian', '\\N', '2020-01-31']);
      expect(byteRows).toBe(3);
      for (const loaded of keys) loaded?.settle(1, 4);
      const pseudonyms = strings.copy.trimEnd().split('\n').map((line) => line.split('\t')[1]);
      expect(pseudonyms.map((p) => [keys[1]?.rowOf(p), keys[1]?.dayOfRow(keys[1]?.rowOf(p) ?? 0)])).toEqual(pseudonyms.map((p) => [keys[0]?.rowOf(p), keys[0]?.dayOfRow(keys[0]?.rowOf(p) ?? 0)]));
    }
  });

  it('writes the same COPY text, plan keys and registrations from bytes as from strings, for random rows and chunks', async () => {
    const patients = () => {
      const loaded = new LoadedKeys();
      for (let i = 1; i <= 30; i++) loaded.add(`P${i}`, dayKey('2030-01-01'));
      loaded.settle(101, 30);
      return loaded;
    };
    const context = () => ({ patients: patients(), practices: new Set(['A81001', 'B12345', 'Z99999']) });
    const pick = <T,>(next: () => number, values: T[]): T => values[Math.floor(next() * values.length)];
    for (let seed = 1; seed <= 60; seed++) {
      const next = mulberry32(seed);
      const plans = ['plan_id,patient_id,practice_code,agreed_on,review_due_on,prepared_on,shared_on,carer_involved'];
      const registrations = ['patient_id,practice_code,registered_on,deregistered_on'];
      for (let i = 0; i < 40; i++) {
        const patient = `P${1 + Math.floor(next() * 30)}`;
        const planId = pick(next, [`CP${seed}-${i}`, `CP\\${seed}-${i}`, `Plan ${seed} ${i}`, `CP\t${seed}-${i}`, `Café-${seed}-${i}`]);
        plans.push([planId, patient, pick(next, ['A81001', 'B12345']), '2024-02-29', pick(next, ['', '2031-01-01']), pick(next, ['', '2024-01-01']), pick(next, ['', '2024-03-28']), pick(next, ['', 'true', 'false'])].join(','));
        registrations.push([patient, pick(next, ['A81001', 'Z99999']), pick(next, ['2019-01-01', '2020-06-30']), pick(next, ['', '2021-01-01', '2024-02-29'])].join(','));
      }
      const chunkSize = 1 + Math.floor(next() * 200);
      const plansRun = await stageBothWays('care_plans.csv', `${plans.join('\n')}\n`, context, chunkSize);
      expect([seed, plansRun.bytes.copy, plansRun.bytes.issues]).toEqual([seed, plansRun.strings.copy, []]);
      expect(plansRun.byteRows).toBeGreaterThan(0);
      const [fromStrings, fromBytes] = plansRun.keys;
      fromStrings?.settle(1, 40);
      fromBytes?.settle(1, 40);
      for (const line of plans.slice(1)) {
        const planId = line.split(',')[0].replace('\\', '\\\\').replace('\t', '\\t');
        expect([planId, fromBytes?.rowOf(planId)]).toEqual([planId, fromStrings?.rowOf(planId)]);
      }
      const registrationsRun = await stageBothWays('registrations.csv', `${registrations.join('\n')}\n`, context, chunkSize);
      expect([seed, registrationsRun.bytes.copy]).toEqual([seed, registrationsRun.strings.copy]);
      const died = () => dayKey('2020-12-31');
      const [stringWarnings, byteWarnings] = registrationsRun.registrations.map((r) => [...(r?.warnings(died) ?? [])]);
      expect(byteWarnings).toEqual(stringWarnings);
      expect(byteWarnings.length).toBeGreaterThan(0);
    }
  });
});
