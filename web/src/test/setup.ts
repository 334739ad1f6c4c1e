import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { setCsrfToken } from '../api/csrf';
import { FakeEventSource } from './fakeEventSource';

// Lazily loaded chunks (recharts, pages) can take over a second to import on a loaded CI
// machine; waiting longer only matters when a test would otherwise fail.
configure({ asyncUtilTimeout: 5000 });

// No test talks to a real stream; each one scripts the fake instead.
beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.localStorage.clear();
  // The CSRF token is module state; a test must not inherit the previous test's session.
  setCsrfToken('');
});
