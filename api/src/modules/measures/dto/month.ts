/** `YYYY-MM` with a real month. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
