import { HttpException, HttpStatus } from '@nestjs/common';
import type { MonthRange, ParameterProblem, ParameterProblemCode, ProblemDetails } from '../contract/problem.contract';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleOf = (status: number): string => TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');

/** An error answered as application/problem+json with this detail (and the parameters it is about, if any). */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly detail: string,
    readonly errors?: ParameterProblem[],
  ) {
    super(detail, status);
  }

  toProblem(instance: string): ProblemDetails {
    const problem: ProblemDetails = { type: 'about:blank', title: titleOf(this.getStatus()), status: this.getStatus(), detail: this.detail, instance };
    if (this.errors) problem.errors = this.errors;
    return problem;
  }
}

/** How a request value is quoted in a message: a string JSON-escaped, anything else as JSON; cut at 40 characters. */
export function quoteValue(value: unknown): string {
  const cut = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  return typeof value === 'string' ? JSON.stringify(cut(value)) : cut(JSON.stringify(value) ?? String(value));
}

/** Why a parameter was refused, beside its message: the code a client acts on and what that code says it carries. */
export type ParameterReason = Omit<ParameterProblem, 'parameter' | 'message' | 'code'> & { code: ParameterProblemCode };

/** 400 naming one parameter, with the reason code (and value) a client acts on when the endpoint gives one. */
export function badParameter(parameter: string, message: string, reason?: ParameterReason): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, message, [{ parameter, message, ...reason }]);
}

/** 400: `month` is a month, but not one of `range`. */
export function monthOutsideRange(parameter: string, month: string, range: MonthRange): ProblemException {
  return badParameter(parameter, `${parameter} must be a month from ${range.first} to ${range.last} (got ${quoteValue(month)})`, {
    code: 'month_outside_range',
    value: month,
    range: { first: range.first, last: range.last },
  });
}

/** `month` where it is one of the snapshot's months (`firstMonth` to `lastMonth`, inclusive); else a 400 month_outside_range. */
export function monthWithin(months: { firstMonth: string; lastMonth: string }, parameter: string, month: string): string {
  if (month < months.firstMonth || month > months.lastMonth) throw monthOutsideRange(parameter, month, { first: months.firstMonth, last: months.lastMonth });
  return month;
}

/** A 404 or 403 about one parameter carries it as a 400 does: one entry, whose message is the detail. */
function about(detail: string, reason?: ParameterReason & { parameter: string }): ParameterProblem[] | undefined {
  if (!reason) return undefined;
  const { parameter, ...rest } = reason;
  return [{ parameter, message: detail, ...rest }];
}

export const notFound = (detail: string, reason?: ParameterReason & { parameter: string }): ProblemException =>
  new ProblemException(HttpStatus.NOT_FOUND, detail, about(detail, reason));
export const forbidden = (detail: string, reason?: ParameterReason & { parameter: string }): ProblemException =>
  new ProblemException(HttpStatus.FORBIDDEN, detail, about(detail, reason));
export const unauthorized = (detail: string): ProblemException => new ProblemException(HttpStatus.UNAUTHORIZED, detail);
