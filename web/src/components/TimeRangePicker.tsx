import { useGlobalParams } from '../hooks/useGlobalParams';
import { RANGES } from '../lib/timeRange';

export function TimeRangePicker() {
  const { range, setRange } = useGlobalParams();
  return (
    <div className="segmented" role="group" aria-label="Time range">
      {RANGES.map((r) => (
        <button
          key={r.key}
          type="button"
          aria-pressed={r.key === range}
          onClick={() => setRange(r.key)}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
