import { extractFileSpecs } from './extract-files';
import { practiceNumber } from './byte-values';
import { LoadedKeys, LoadedRegistrations, NO_DAY, dateOfDayKey, dayKey, directLoad } from './direct-load';

describe('direct loads', () => {
  it('keys dates as numbers in date order, and back', () => {
    const dates = ['1899-12-31', '2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01', '2024-12-31', '2025-01-01'];
    const keys = dates.map(dayKey);
    expect([...keys].sort((a, b) => a - b)).toEqual(keys);
    expect(new Set(keys).size).toBe(dates.length);
    expect(keys.map(dateOfDayKey)).toEqual(dates);
    expect(dayKey('\\N')).toBe(NO_DAY);
  });

  it('gives each key the id its row got, once the load has stored those rows', () => {
    const keys = new LoadedKeys();
    ['P1', 'P2', 'P3', 'P4', 'a-long-identifier-of-forty-characters-00'].forEach((key, i) => keys.add(key, i));
    expect(keys.rowOf('P2')).toBeUndefined(); // not settled yet
    expect(keys.settle(101, 4)).toBe(false); // not the rows written
    expect(keys.settle(101, 5)).toBe(true);
    // In order (the cursor), out of order (the map), and unknown.
    expect(['P1', 'P1', 'P3', 'a-long-identifier-of-forty-characters-00', 'P2', 'P5'].map((k) => keys.rowOf(k))).toEqual([0, 0, 2, 4, 1, undefined]);
    expect([keys.idOfRow(0), keys.idOfRow(4), keys.dayOfRow(3)]).toEqual([101, 105, 3]);
  });

  it('finds keys added as strings or as bytes, asked for either way and in any order, a key given twice at its first row', () => {
    const keys = new LoadedKeys();
    const names = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? `Café-${i}` : `P${String(i).padStart(8, '0')}`));
    names.forEach((name, i) => {
      if (i % 2 === 0) keys.add(name, i);
      else {
        const bytes = Buffer.from(`,${name},`, 'utf8');
        keys.addBytes(bytes, 1, bytes.length - 1, i);
      }
    });
    keys.add('P00000003', -1); // again
    expect(keys.settle(1, 5001)).toBe(true);
    // Every 37th key, far from the last one found: the hash index.
    const order = Array.from({ length: 5000 }, (_, i) => (i * 37) % 5000);
    expect(order.map((i) => keys.rowOf(names[i]))).toEqual(order);
    expect(order.map((i) => keys.rowOfBytes(Buffer.from(names[i], 'utf8'), 0, Buffer.byteLength(names[i])))).toEqual(order);
    expect([keys.rowOf('P00000003'), keys.dayOfRow(3), keys.rowOf('P00005000'), keys.rowOf('')]).toEqual([3, 3, undefined, undefined]);
  });

  it('keeps no keys beyond its limit (the files after such a load are staged)', () => {
    const keys = new LoadedKeys(3);
    ['P1', 'P2', 'P3'].forEach((key) => keys.add(key, NO_DAY));
    expect(keys.settle(1, 3)).toBe(true);
    const over = new LoadedKeys(3);
    ['P1', 'P2', 'P3', 'P4'].forEach((key) => over.add(key, NO_DAY));
    expect(over.settle(1, 4)).toBe(false);
    expect([over.usable, over.rowOf('P1')]).toEqual([false, undefined]);
  });

  it('resolves patients, practices and plans, and refuses a row it cannot resolve', () => {
    const specs = extractFileSpecs('2026-01-31');
    const patients = new LoadedKeys();
    patients.add('P1', NO_DAY);
    patients.add('P2', dayKey('2024-05-01'));
    patients.settle(7, 2);
    const practices = new Set(['A81001']);
    const plansLoad = directLoad({ ...specs['care_plans.csv'], file: 'care_plans.csv' }, { patients, practices });
    plansLoad?.begin(900);
    expect(plansLoad?.columns).toEqual(['id', 'patient_id', 'plan_id', 'practice_code', 'agreed_on', 'review_due_on', 'prepared_on', 'shared_on', 'carer_involved']);
    const plan = ['PLAN-1', 'A81001', '2024-03-15', '\\N', '\\N', '\\N', '\\N'];
    // The row's own id (the load's first, 900), then its patient's (P2, the second loaded from 7 on).
    expect(plansLoad?.write(plan, 'P2', 2)).toBe('900\t8\tPLAN-1\tA81001\t2024-03-15\t\\N\t\\N\t\\N\t\\N\n');
    expect(plansLoad?.write(plan, 'P3', 3)).toBeUndefined();
    expect(plansLoad?.write(['PLAN-2', 'A81009', '2024-03-15', '\\N', '\\N', '\\N', '\\N'], 'P1', 4)).toBeUndefined();
    expect(plansLoad?.write(['PLAN-3', 'A81001', '2024-03-16', '\\N', '\\N', '\\N', '\\N'], 'P1', 5)).toBe('901\t7\tPLAN-3\tA81001\t2024-03-16\t\\N\t\\N\t\\N\t\\N\n');
    expect(plansLoad?.rows()).toBe(2);
    const plans = plansLoad?.keys as LoadedKeys;
    plans.settle(50, 2);
    const reviews = directLoad({ ...specs['care_plan_reviews.csv'], file: 'care_plan_reviews.csv' }, { plans, practices });
    reviews?.begin(70);
    expect(['2024-03-15', '2024-03-14'].map((day) => reviews?.write(['PLAN-1', day], '', 2))).toEqual(['70\t50\t2024-03-15\n', undefined]);
    expect(reviews?.write(['PLAN-9', '2024-04-01'], '', 3)).toBeUndefined();
    // Without the patients of this import's direct load, a file naming patients is staged.
    expect(directLoad({ ...specs['admissions.csv'], file: 'admissions.csv' }, { practices })).toBeUndefined();
  });

  it('finds, in line order, registrations after death and the first overlapping registration of the same patient', () => {
    const registrations = new LoadedRegistrations();
    const died = [NO_DAY, dayKey('2020-06-30')];
    // patient rows not grouped: 0, 1, 0, 1, 1
    registrations.add(0, practiceNumber('B00001'), dayKey('2010-01-01'), dayKey('2015-01-01'), 2);
    registrations.add(1, practiceNumber('A00001'), dayKey('2018-01-01'), NO_DAY, 3);
    registrations.add(0, practiceNumber('A00002'), dayKey('2015-01-01'), NO_DAY, 4); // begins the day the first ends: no overlap
    registrations.add(1, practiceNumber('C00001'), dayKey('2020-07-01'), dayKey('2020-08-01'), 5); // after death; overlaps line 3
    registrations.add(1, practiceNumber('B00001'), dayKey('2019-01-01'), dayKey('2019-02-01'), 6); // overlaps line 3 only
    expect([...registrations.warnings((row) => died[row])]).toEqual([
      { line: 3, value: '2018-01-01', rule: 'overlaps the registration at B00001 from 2019-01-01: the one that began later holds from its start' },
      { line: 5, value: '2020-07-01', rule: "is after the patient's death (died_on 2020-06-30)" },
      { line: 5, value: '2020-07-01', rule: 'overlaps the registration at A00001 from 2018-01-01: the one that began later holds from its start' },
      { line: 6, value: '2019-01-01', rule: 'overlaps the registration at A00001 from 2018-01-01: the one that began later holds from its start' },
    ]);
  });
});
