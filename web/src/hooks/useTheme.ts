import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'eventscope.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** An explicit choice wins; without one we follow the OS, live. */
export function readStoredTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    // Storage can be disabled (privacy modes); following the OS is then the right default.
    return null;
  }
}

function systemTheme(): Theme {
  return window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

function subscribeSystem(onChange: () => void) {
  const media = window.matchMedia?.(DARK_QUERY);
  media?.addEventListener('change', onChange);
  return () => media?.removeEventListener('change', onChange);
}

/** Sets the theme attribute the CSS keys on; called once before the first render too. */
export function applyTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme;
}

export function useTheme() {
  const [choice, setChoice] = useState<Theme | null>(readStoredTheme);
  const system = useSyncExternalStore(subscribeSystem, systemTheme, (): Theme => 'light');
  const theme = choice ?? system;

  useEffect(() => applyTheme(theme), [theme]);

  const toggle = useCallback(() => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this tab.
    }
    setChoice(next);
  }, [theme]);

  return { theme, toggle };
}
