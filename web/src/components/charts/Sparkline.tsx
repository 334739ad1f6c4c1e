import { Line, LineChart, YAxis } from 'recharts';
import type { TimeRow } from './timeRows';

/**
 * A tiny line with no axes for table cells. Same scale rule in every row (0 to the row's own
 * max) so shapes compare; nulls are gaps. Loaded lazily so tables paint before recharts.
 */
export default function Sparkline({
  data,
  label,
}: {
  data: readonly TimeRow<'v'>[];
  label: string;
}) {
  return (
    <div className="sparkline" role="img" aria-label={label}>
      <LineChart width={120} height={24} data={[...data]} margin={{ top: 2, bottom: 2 }}>
        <YAxis hide domain={[0, 'dataMax']} />
        <Line
          dataKey="v"
          type="linear"
          stroke="var(--series-1)"
          strokeWidth={1.25}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}
