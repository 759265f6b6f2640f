import { Transform } from 'class-transformer';

/** A query string of digits becomes a number; anything else stays as sent, so that the validation message quotes it. */
export const ToInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value));
