import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { setCsrfToken } from '../api/csrf';
import { FakeEventSource } from './fakeEventSource';

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
