import { CreatedTokenSchema, TokenSchema, UserSchema, type Role } from '@eventscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '../api/client';
import { auditKeys } from './useAudit';

/** API tokens and users (admin). Every change is audited, so mutations invalidate the log too. */
export const tokenKeys = {
  all: ['tokens'] as const,
  list: () => [...tokenKeys.all, 'list'] as const,
};

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export function useTokens(enabled = true) {
  return useQuery({
    queryKey: tokenKeys.list(),
    queryFn: ({ signal }) => apiGet('/api/tokens', z.array(TokenSchema), { signal }),
    enabled,
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: Role }) =>
      apiSend('POST', '/api/tokens', body, CreatedTokenSchema),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: tokenKeys.all });
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiSend('DELETE', `/api/tokens/${encodeURIComponent(id)}`, undefined, z.undefined()),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: tokenKeys.all });
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => apiGet('/api/users', z.array(UserSchema), { signal }),
    enabled,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string; role: Role }) =>
      apiSend('POST', '/api/users', body, UserSchema),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: userKeys.all });
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}
