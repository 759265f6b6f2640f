import { sourceWithoutPaths } from './data-quality.service';

describe('sourceWithoutPaths', () => {
  it('keeps the last part of each path a CLI import was given (its source is the paths joined by ", ")', () => {
    expect(sourceWithoutPaths('/srv/pcsp/extracts/2024-06/, ../more/conditions.zip, patients.csv')).toBe('2024-06, conditions.zip, patients.csv');
    expect(sourceWithoutPaths('./extract')).toBe('extract');
  });

  it('leaves an upload (file names as uploaded) and the demo load as they are', () => {
    expect(sourceWithoutPaths('upload: practices.csv, patients.csv')).toBe('upload: practices.csv, patients.csv');
    expect(sourceWithoutPaths('demo population')).toBe('demo population');
  });
});
