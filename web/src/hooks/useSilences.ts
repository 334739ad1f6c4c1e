import { SilenceSchema, type SilenceInput } from '@eventscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '../api/client';
import { alertKeys } from './useAlerts';

const SilenceListSchema = z.array(SilenceSchema);

/** Under `['alerts']`: every alert evaluation can move a silence from pending to active to expired. */
export const silenceKeys = {
  all: [...alertKeys.all, 'silences'] as const,
  list: () => [...silenceKeys.all, 'list'] as const,
};

export function useSilences() {
  return useQuery({
    queryKey: silenceKeys.list(),
    queryFn: ({ signal }) => apiGet('/api/silences', SilenceListSchema, { signal }),
  });
}

/** Creating or expiring a silence changes which alerts are silenced: refresh them all. */
export function useCreateSilence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SilenceInput) => apiSend('POST', '/api/silences', input, z.unknown()),
    onSuccess: () => void client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useExpireSilence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiSend('DELETE', `/api/silences/${encodeURIComponent(id)}`, undefined, z.unknown()),
    onSuccess: () => void client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
