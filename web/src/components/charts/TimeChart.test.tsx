import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withLayout } from '../../test/layout';
import { niceCeil, TimeChart } from './TimeChart';
import { toTimeRows } from './timeRows';

const t0 = Date.parse('2024-05-01T12:00:00Z');
const at = (i: number) => new Date(t0 + i * 60_000).toISOString();

describe('toTimeRows', () => {
  it('keeps nulls as nulls (gaps), never zeros', () => {
    const rows = toTimeRows(
      [
        { at: at(0), v: 5 },
        { at: at(1), v: null },
        { at: at(2), v: 0 },
      ],
      { lag: (p) => p.v },
    );
    expect(rows).toEqual([
      { t: t0, lag: 5 },
      { t: t0 + 60_000, lag: null },
      { t: t0 + 120_000, lag: 0 },
    ]);
  });
});

describe('niceCeil', () => {
  it('rounds an axis maximum up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 0.3, 7, 69, 180, 640, 1204, 2100, 4210].map(niceCeil)).toEqual([
      1, 0.5, 10, 100, 200, 1000, 2000, 2500, 5000,
    ]);
  });
});

describe('TimeChart', () => {
  withLayout(600, 180);

  it('draws a gap where a value is unknown, and a dashed threshold line', async () => {
    const data = toTimeRows(
      [10, 20, null, null, 30, 40].map((v, i) => ({ at: at(i), v })),
      { lag: (p) => p.v },
    );
    const { container, findByText } = render(
      <TimeChart
        title="Lag"
        data={data}
        series={[{ key: 'lag', name: 'Lag', color: 'blue' }]}
        from={t0}
        to={t0 + 5 * 60_000}
        formatY={String}
        formatExact={String}
        threshold={{ value: 60, label: 'alert ≥ 60 s' }}
      />,
    );
    expect(await findByText('alert ≥ 60 s')).toBeTruthy();
    const path = container.querySelector('.recharts-line-curve')?.getAttribute('d') ?? '';
    // Two separate runs: the line is lifted over the unknown steps instead of dropping to 0.
    expect(path.match(/M/g)).toHaveLength(2);
    const threshold = container.querySelector('.recharts-reference-line-line');
    expect(threshold?.getAttribute('stroke-dasharray')).toBe('6 4');
  });
});
