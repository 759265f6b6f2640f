import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertList, AlertPreferences, UpdateAlertPreferencesRequest } from '@pcsp/contract/alerts.contract';
import { apiRequest, csvUrl } from '../../../lib/api-client';

const PREFERENCES = ['alerts', 'preferences'] as const;

/** Which alerts of the area to ask for: the API answers at most `limit` of them, from `offset`, and how many there are in all. */
export interface AlertsPage {
  limit: number;
  offset: number;
}

/** Which alerts to keep: of one measure, with one reason among theirs ('' or absent: all). */
export interface AlertsFilter {
  measure?: string;
  reason?: string;
}

export const alertsApi = {
  list: (area: string, page: AlertsPage, filter: AlertsFilter = {}) =>
    apiRequest<AlertList>('/alerts', { query: { area, limit: String(page.limit), offset: String(page.offset), measure: filter.measure, reason: filter.reason } }),
  /** Every alert the filter keeps in the area, as a CSV download. */
  csvUrl: (area: string, filter: AlertsFilter = {}) => csvUrl('/alerts', { area, measure: filter.measure, reason: filter.reason }),
  preferences: () => apiRequest<AlertPreferences>('/alerts/preferences'),
  setPreferences: (body: UpdateAlertPreferencesRequest) => apiRequest<AlertPreferences>('/alerts/preferences', { method: 'PUT', body }),
};

/** One page of the alerts of the practices inside the area (not for groups, which are not areas) that the filter keeps. */
export function useAlerts(area: string, page: AlertsPage, filter: AlertsFilter = {}) {
  return useQuery({
    queryKey: ['alerts', area, page.limit, page.offset, filter.measure ?? '', filter.reason ?? ''],
    queryFn: () => alertsApi.list(area, page, filter),
    enabled: area !== '' && !area.startsWith('group:'),
  });
}

export function useAlertPreferences() {
  return useQuery({ queryKey: PREFERENCES, queryFn: alertsApi.preferences });
}

/** Saves the choice, showing it at once (the box follows the click) and putting it back if the save fails. */
export function useSetAlertPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: alertsApi.setPreferences,
    onMutate: async (choice: UpdateAlertPreferencesRequest) => {
      await queryClient.cancelQueries({ queryKey: PREFERENCES });
      const before = queryClient.getQueryData<AlertPreferences>(PREFERENCES);
      if (before) queryClient.setQueryData<AlertPreferences>(PREFERENCES, { ...before, ...choice });
      return { before };
    },
    onError: (_error, _choice, context) => {
      if (context?.before) queryClient.setQueryData(PREFERENCES, context.before);
    },
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES, saved),
  });
}
