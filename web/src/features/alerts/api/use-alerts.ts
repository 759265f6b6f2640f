import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertList, AlertPreferences, UpdateAlertPreferencesRequest } from '@pcsp/contract/alerts.contract';
import { apiRequest } from '../../../lib/api-client';

const PREFERENCES = ['alerts', 'preferences'] as const;

export const alertsApi = {
  list: (area: string) => apiRequest<AlertList>('/alerts', { query: { area } }),
  preferences: () => apiRequest<AlertPreferences>('/alerts/preferences'),
  setPreferences: (body: UpdateAlertPreferencesRequest) => apiRequest<AlertPreferences>('/alerts/preferences', { method: 'PUT', body }),
};

/** Alerts of the practices inside the area (not for groups, which are not areas). */
export function useAlerts(area: string) {
  return useQuery({ queryKey: ['alerts', area], queryFn: () => alertsApi.list(area), enabled: area !== '' && !area.startsWith('group:') });
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
