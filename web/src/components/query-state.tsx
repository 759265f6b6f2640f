import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { plainProblem } from '../lib/plain-problem';

export function Loading({ what = 'figures' }: { what?: string }) {
  return (
    <p className="nhsuk-body app-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/**
 * A request that failed, in nhsuk-frontend 10's error summary markup. Unlike a form's ErrorSummary it does not take
 * focus (a failed load is not a refused submit); its role=alert child announces it. The box stays focusable for a form
 * that shows the API's refusal here and moves focus to it. A refusal whose reason the API gives as a code is said in
 * plain words (plainProblem), without the request's parameter names or the status; any other failure keeps the API's
 * message and its status, which support can act on.
 */
export function ErrorMessage({ error, title = 'There is a problem' }: { error: unknown; title?: string }) {
  const plain = error instanceof ApiError ? plainProblem(error) : undefined;
  const message = plain ?? (error instanceof Error ? error.message : 'Something went wrong.');
  const status = !plain && error instanceof ApiError && error.status ? ` (${error.status})` : '';
  return (
    <div className="nhsuk-error-summary" tabIndex={-1}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">
          {title}
          {status}
        </h2>
        <div className="nhsuk-error-summary__body">
          <p>{message}</p>
        </div>
      </div>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>{children}</p>
    </div>
  );
}

interface QueryStateProps<T> {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isPending' | 'isError'>;
  what?: string;
  /** True when the answer has nothing to show. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** Loading, error and empty states for one query, then its content. */
export function QueryState<T>({ query, what, isEmpty, empty, children }: QueryStateProps<T>) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <ErrorMessage error={query.error} title={what ? `The ${what} could not be loaded` : undefined} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <Empty>{empty ?? 'There are no figures to show for this choice.'}</Empty>;
  return <>{children(data)}</>;
}
