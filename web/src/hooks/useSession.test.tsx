import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { getCsrfToken, setCsrfToken } from '../api/csrf';
import { AppProviders } from '../app/App';
import { createTestQueryClient } from '../test/render';
import { anonymousSession, apiError, sessionAs, stubApi } from '../test/stubApi';
import { useCan, useSession } from './useSession';

function wrapper({ children }: { children: ReactNode }) {
  return <AppProviders client={createTestQueryClient()}>{children}</AppProviders>;
}

describe('useSession', () => {
  it('loads the session and keeps its CSRF token for the client', async () => {
    stubApi({ 'GET /api/session': sessionAs('operator', 'Olga') });
    const { result } = renderHook(() => useSession(), { wrapper });
    await waitFor(() => expect(result.current.data?.principal.name).toBe('Olga'));
    expect(getCsrfToken()).toBe('csrf-operator');
  });

  it('treats 401 as signed out, not as an error', async () => {
    setCsrfToken('stale');
    stubApi({ 'GET /api/session': () => apiError(401, 'unauthenticated', 'sign in') });
    const { result } = renderHook(() => useSession(), { wrapper });
    await waitFor(() => expect(result.current.data).toBeNull());
    expect(result.current.isError).toBe(false);
    expect(getCsrfToken()).toBe('');
  });

  it('reports other failures as errors', async () => {
    stubApi({ 'GET /api/session': () => apiError(500, 'internal', 'boom') });
    const { result } = renderHook(() => useSession(), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
  });
});

describe('useCan', () => {
  it('is false while loading, then follows the role', async () => {
    stubApi({ 'GET /api/session': sessionAs('operator') });
    const { result } = renderHook(() => [useCan('operator'), useCan('admin')], { wrapper });
    expect(result.current).toEqual([false, false]);
    await waitFor(() => expect(result.current).toEqual([true, false]));
  });

  it('gives an anonymous visitor viewer rights only', async () => {
    stubApi({ 'GET /api/session': anonymousSession });
    const { result } = renderHook(() => [useCan('viewer'), useCan('operator')], { wrapper });
    await waitFor(() => expect(result.current).toEqual([true, false]));
  });
});
