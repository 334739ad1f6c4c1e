import { describe, expect, it } from 'vitest';
import css from './theme.css?raw';

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function tokens(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6});/g)].map((m) => [m[1], m[2]]),
  );
}

function block(startMarker: string): Record<string, string> {
  const start = css.indexOf(startMarker);
  expect(start).toBeGreaterThanOrEqual(0);
  return tokens(css.slice(start, css.indexOf('}', start)));
}

const light = block(':root {');
const darkMedia = block(":root:not([data-theme='light'])");
const darkExplicit = block(":root[data-theme='dark']");

// [foreground, background] pairs that components actually render.
const PAIRS = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-2'],
  ['text-muted', 'bg'],
  ['text-muted', 'surface'],
  ['accent', 'bg'],
  ['accent-text', 'accent'],
  ['ok-fg', 'ok-bg'],
  ['ok-fg', 'bg'],
  ['warn-fg', 'warn-bg'],
  ['warn-fg', 'bg'],
  ['crit-fg', 'crit-bg'],
  ['crit-fg', 'bg'],
  ['empty-fg', 'empty-bg'],
  ['unknown-fg', 'unknown-bg'],
  ['unknown-fg', 'unknown-stripe'],
  ['muted-fg', 'muted-bg'],
] as const;

describe.each([
  ['light', light],
  ['dark', darkExplicit],
])('%s theme', (_name, theme) => {
  it.each(PAIRS)('%s on %s meets WCAG AA (4.5:1)', (fg, bg) => {
    const [f, b] = [theme[fg], theme[bg]];
    expect(f && b, `missing --${fg} or --${bg}`).toBeTruthy();
    expect(contrast(f ?? '', b ?? '')).toBeGreaterThanOrEqual(4.5);
  });
});

it('the OS-driven dark theme and the chosen dark theme are the same', () => {
  expect(darkMedia).toEqual(darkExplicit);
});
