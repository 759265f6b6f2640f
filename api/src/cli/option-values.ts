import { parseMonth } from '@pcsp/analytics';

/** The text of a whole-number option (`--patients 3000`); the engine checks its range. */
export function wholeNumberOption(text: string, name: string): number {
  if (!/^-?\d+$/.test(text)) throw new Error(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

/** The text of a fraction option (`--dirty 0.01`); the engine checks its range. */
export function fractionOption(text: string, name: string, range: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${name} must be a fraction ${range}, got "${text}"`);
  return value;
}

/** The month index of a `YYYY-MM` option, read as the engine reads months, the option named as typed. */
export const monthOption = (text: string, name: string): number => parseMonth(text, name);
