import {
  DeliverySchema,
  NotifierCreatedSchema,
  NotifierSchema,
  type Delivery,
  type NotifierInput,
} from '@eventscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend, withQuery } from '../api/client';

const enc = encodeURIComponent;
const NotifierListSchema = z.array(NotifierSchema);
const DeliveryListSchema = z.array(DeliverySchema);

/** `['notifiers']` is what the api's `deliveries` event invalidates: deliveries live under it. */
export const notifierKeys = {
  all: ['notifiers'] as const,
  list: () => [...notifierKeys.all, 'list'] as const,
  detail: (id: string) => [...notifierKeys.all, 'detail', id] as const,
  deliveries: (id: string) => [...notifierKeys.all, 'deliveries', id] as const,
};

const notifierPath = (id: string) => `/api/notifiers/${enc(id)}`;

export function useNotifiers() {
  return useQuery({
    queryKey: notifierKeys.list(),
    queryFn: ({ signal }) => apiGet('/api/notifiers', NotifierListSchema, { signal }),
  });
}

export function useNotifier(id: string) {
  return useQuery({
    queryKey: notifierKeys.detail(id),
    queryFn: ({ signal }) => apiGet(notifierPath(id), NotifierSchema, { signal }),
  });
}

export const DELIVERY_LOG_LIMIT = 100;

/** Polls while a delivery is still being retried, in case the live stream is down. */
export function useDeliveries(id: string) {
  return useQuery({
    queryKey: notifierKeys.deliveries(id),
    queryFn: ({ signal }) =>
      apiGet(
        withQuery(`${notifierPath(id)}/deliveries`, { limit: DELIVERY_LOG_LIMIT }),
        DeliveryListSchema,
        { signal },
      ),
    refetchInterval: (query) =>
      query.state.data?.some((d) => d.status === 'pending') ? 5_000 : false,
  });
}

function useInvalidateNotifiers() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: notifierKeys.all });
}

/** The 201 answer carries the generated secret, once: callers keep it out of the cache. */
export function useCreateNotifier() {
  const invalidate = useInvalidateNotifiers();
  return useMutation({
    mutationFn: (input: NotifierInput) =>
      apiSend('POST', '/api/notifiers', input, NotifierCreatedSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateNotifier() {
  const invalidate = useInvalidateNotifiers();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: NotifierInput }) =>
      apiSend('PUT', notifierPath(id), input, NotifierCreatedSchema),
    onSuccess: invalidate,
  });
}

export function useDeleteNotifier() {
  const invalidate = useInvalidateNotifiers();
  return useMutation({
    mutationFn: (id: string) => apiSend('DELETE', notifierPath(id), undefined, z.unknown()),
    onSuccess: invalidate,
  });
}

/**
 * The api answers a test with the delivery it queued (bare or as `{ delivery }`); any other
 * answer still counts as sent, and the log refresh shows it.
 */
const TestAnswerSchema = z.unknown().transform((answer): Delivery | null => {
  const bare = DeliverySchema.safeParse(answer);
  if (bare.success) return bare.data;
  const wrapped = z.object({ delivery: DeliverySchema }).safeParse(answer);
  return wrapped.success ? wrapped.data.delivery : null;
});

export function useTestNotifier() {
  const invalidate = useInvalidateNotifiers();
  return useMutation({
    mutationFn: (id: string) => apiSend('POST', `${notifierPath(id)}/test`, {}, TestAnswerSchema),
    onSuccess: invalidate,
  });
}
