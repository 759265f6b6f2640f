/**
 * The one client for the PCSP Insights API (same origin, under /api). Responses are typed with the
 * API's own contract (`@pcsp/contract/*`), never retyped here. Errors arrive as
 * application/problem+json and are surfaced with their message.
 */

import type { AuditList } from '@pcsp/contract/audit.contract';
import type { LoginRequest, Session, SessionAnswer } from '@pcsp/contract/auth.contract';
import type { ChangePeriod, CompareResponse, CompareSort } from '@pcsp/contract/compare.contract';
import type { DataQualityResponse, ImportJobSummary } from '@pcsp/contract/data-quality.contract';
import type { DecilesResponse } from '@pcsp/contract/deciles.contract';
import type { CreateGroupRequest, Group, GroupList, UpdateGroupRequest } from '@pcsp/contract/groups.contract';
import type { MeasureId, MeasureList } from '@pcsp/contract/measures.contract';
import type { OrganisationDetail, OrganisationList } from '@pcsp/contract/organisations.contract';
import type { ProblemDetails } from '@pcsp/contract/problem.contract';
import type { SeriesResponse } from '@pcsp/contract/series.contract';
import type { SnapshotMonthsResponse } from '@pcsp/contract/snapshot-months.contract';
import type { SummaryResponse } from '@pcsp/contract/summary.contract';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Partial<ProblemDetails> | undefined;

  constructor(status: number, message: string, problem?: Partial<ProblemDetails>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** `?a=1&b=x`, leaving out empty values; arrays repeat the key. */
export function toQueryString(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, v);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  let problem: Partial<ProblemDetails> | undefined;
  if (type.includes('json')) {
    try {
      problem = (await response.json()) as Partial<ProblemDetails>;
    } catch {
      problem = undefined;
    }
  }
  const parameters = problem?.errors?.map((e) => `${e.parameter}: ${e.message}`).join('; ');
  const message =
    problem?.detail || parameters || problem?.title || `The server answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, message, problem);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Fetches `/api${path}` with the session cookie; JSON in and out; throws ApiError on failure. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(query)}`, { method, headers, body: payload, signal, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'The PCSP Insights server could not be reached. Check your connection and try again.');
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** The address of a CSV export of a GET endpoint (the browser downloads it with the session cookie). */
export function csvUrl(path: string, query: Record<string, QueryValue>): string {
  return `/api${path}${toQueryString({ ...query, format: 'csv' })}`;
}

/**
 * POSTs a multipart form with upload progress (fetch cannot report it); resolves with the JSON answer.
 */
export function apiUpload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'The upload failed: the server could not be reached.'));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(parsed as T);
        return;
      }
      const problem = parsed as Partial<ProblemDetails> | undefined;
      reject(new ApiError(xhr.status, problem?.detail || problem?.title || `The upload failed (${xhr.status})`, problem));
    };
    xhr.send(form);
  });
}

const enc = encodeURIComponent;

export interface SeriesQuery {
  org: string;
  from?: string;
  to?: string;
  breakdown?: string;
}

export interface CompareQuery {
  month?: string;
  level?: string;
  within?: string;
  benchmark?: string;
  change?: ChangePeriod;
  sort?: CompareSort;
  limit?: number;
  offset?: number;
  includeClosed?: boolean;
}

export interface DecilesQuery {
  from?: string;
  to?: string;
  within?: string;
  org?: string;
}

/** Every endpoint the dashboard uses, typed by the API's contract. */
export const api = {
  session: () => apiRequest<SessionAnswer>('/auth/session'),
  login: (body: LoginRequest) => apiRequest<Session>('/auth/login', { method: 'POST', body }),
  logout: () => apiRequest<void>('/auth/logout', { method: 'POST' }),
  measures: () => apiRequest<MeasureList>('/measures'),
  orgs: (query: { level?: string; parent?: string; q?: string; limit?: number; offset?: number }) =>
    apiRequest<OrganisationList>('/orgs', { query }),
  org: (code: string) => apiRequest<OrganisationDetail>(`/orgs/${enc(code)}`),
  summary: (code: string, month?: string) => apiRequest<SummaryResponse>(`/orgs/${enc(code)}/summary`, { query: { month } }),
  series: (measure: MeasureId, query: SeriesQuery) =>
    apiRequest<SeriesResponse>(`/measures/${enc(measure)}/series`, { query: { ...query } }),
  compare: (measure: MeasureId, query: CompareQuery) =>
    apiRequest<CompareResponse>(`/measures/${enc(measure)}/compare`, { query: { level: 'practice', ...query } }),
  compareCsvUrl: (measure: MeasureId, query: CompareQuery) =>
    csvUrl(`/measures/${enc(measure)}/compare`, { level: 'practice', ...query }),
  deciles: (measure: MeasureId, query: DecilesQuery) =>
    apiRequest<DecilesResponse>(`/measures/${enc(measure)}/deciles`, { query: { level: 'practice', ...query } }),
  groups: () => apiRequest<GroupList>('/groups'),
  createGroup: (body: CreateGroupRequest) => apiRequest<Group>('/groups', { method: 'POST', body }),
  updateGroup: ({ id, ...body }: UpdateGroupRequest & { id: number }) => apiRequest<Group>(`/groups/${id}`, { method: 'PATCH', body }),
  deleteGroup: (id: number) => apiRequest<void>(`/groups/${id}`, { method: 'DELETE' }),
  dataQuality: () => apiRequest<DataQualityResponse>('/data-quality'),
  imports: () => apiRequest<ImportJobSummary[]>('/imports'),
  importJob: (id: string) => apiRequest<ImportJobSummary>(`/imports/${enc(id)}`),
  uploadImport: (form: FormData, onProgress: (fraction: number) => void) => apiUpload<ImportJobSummary>('/imports', form, onProgress),
  snapshotMonths: () => apiRequest<SnapshotMonthsResponse>('/snapshot/months'),
  refreshSnapshot: () => apiRequest<unknown>('/snapshot/refresh', { method: 'POST' }),
  audit: () => apiRequest<AuditList>('/audit'),
};
