import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportJobSummary } from '@pcsp/contract/data-quality.contract';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/queries';

const FINISHED = new Set<ImportJobSummary['status']>(['succeeded', 'failed']);

/** An import job, polled every second until it has finished. */
export function useImportJob(id: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['import', id],
    queryFn: async () => {
      const job = await api.importJob(id!);
      if (FINISHED.has(job.status)) void queryClient.invalidateQueries({ queryKey: queryKeys.dataQuality });
      return job;
    },
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
}

/** Uploads an extract with progress; resolves with the queued job. */
export function useUpload() {
  const [progress, setProgress] = useState(0);
  const mutation = useMutation({
    mutationFn: (files: File[]) => {
      setProgress(0);
      const form = new FormData();
      for (const file of files) form.append('files', file, file.name);
      return api.uploadImport(form, setProgress);
    },
  });
  return { ...mutation, progress };
}

export function useRefresh() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: api.refreshSnapshot, onSuccess: () => queryClient.invalidateQueries() });
}
