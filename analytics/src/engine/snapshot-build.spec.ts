import { patientSlices } from './snapshot-build';

describe('patientSlices', () => {
  it('cuts the ids from the lowest to the highest into even ranges of about the given size', () => {
    // 10 patients, ids 1 to 10, 4 a slice: 3 slices of width 4 (ceil(10 / 3)), the last one short.
    expect(patientSlices([1, 10, 10], 4)).toEqual([[1, 4], [5, 8], [9, 10]]);
    // Sparse ids 101 to 400 (3 patients), 1 a slice: 3 slices of width 100.
    expect(patientSlices([101n, 400n, 3n], 1)).toEqual([[101, 200], [201, 300], [301, 400]]);
    // Fewer patients than a slice: one slice.
    expect(patientSlices([7, 9, 3], 5_000_000)).toEqual([[7, 9]]);
  });

  it('gives no slice without patients, and refuses a size that is not a positive integer', () => {
    expect(patientSlices([null, null, 0], 10)).toEqual([]);
    expect(() => patientSlices([1, 2, 2], 0)).toThrow('patientsPerSlice must be a positive integer, got 0');
    expect(() => patientSlices([1, 2, 2], 1.5)).toThrow('patientsPerSlice must be a positive integer, got 1.5');
  });
});
