import './polyfills';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { MemoryRouter, useLocation, useRoutes, type RouteObject } from 'react-router-dom';
import type { Session } from '@pcsp/contract/auth.contract';
import { MEASURES } from '@pcsp/analytics/measures/measure-registry';

export interface FakeResponse {
  status?: number;
  body: unknown;
  contentType?: string;
}

/** Answers a request to the API: the path after /api with its query, and the request. */
export type FakeApi = (path: string, init: RequestInit | undefined) => FakeResponse | undefined;

export interface RecordedRequest {
  method: string;
  url: string;
  body: unknown;
}

/** Replaces fetch with a fake API; unknown paths answer 404 as a problem. Returns the requests made. */
export function installFakeApi(handler: FakeApi): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const path = url.replace(/^\/api/, '');
    requests.push({ method: init?.method ?? 'GET', url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body });
    const answer = handler(path, init) ?? { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: `No fake for ${path}` }, contentType: 'application/problem+json' };
    const status = answer.status ?? 200;
    const contentType = answer.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json');
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: '',
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? contentType : null) },
      json: async () => answer.body,
      text: async () => JSON.stringify(answer.body),
    } as unknown as Response;
  };
  globalThis.fetch = fake as typeof fetch;
  return requests;
}

export const SESSION: Session = {
  user: { id: 'u1', email: 'cara@example.nhs.uk', name: 'Cara Commissioner', role: 'commissioner', areas: ['QWE'], disabled: false, createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null },
  areas: [{ code: 'QWE', name: 'NHS North ICB', level: 'icb' }],
  expiresAt: '2026-12-01T00:00:00Z',
};

export const MEASURE_LIST = { measures: [...MEASURES] };

function Routes({ routes }: { routes: RouteObject[] }) {
  return useRoutes(routes);
}

/** Where the app has navigated to (path and search), for assertions. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location" hidden>{`${location.pathname}${location.search}`}</output>;
}

/**
 * Renders routes at a URL with a fresh query client (no retries, so errors show at once). A
 * MemoryRouter, not a data router: jsdom has no fetch Request, which data routers need.
 */
export function renderAt(routes: RouteObject[], url: string): RenderResult & { location: () => string } {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes routes={routes} />
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, location: () => result.getByTestId('location').textContent ?? '' };
}
