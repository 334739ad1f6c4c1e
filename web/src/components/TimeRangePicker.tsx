import { useState } from 'react';
import { useGlobalParams } from '../hooks/useGlobalParams';
import {
  isCustomRange,
  rangePhrase,
  rangeWindow,
  RANGES,
  type CustomRange,
} from '../lib/timeRange';
import { CustomRangeForm } from './CustomRangeForm';
import './timeRange.css';

export function TimeRangePicker() {
  const { range, setRange, setCustomRange } = useGlobalParams();
  // The window the form opens with; null while closed.
  const [draft, setDraft] = useState<CustomRange | null>(null);
  const custom = isCustomRange(range);

  return (
    <div className="range-picker">
      <div className="segmented" role="group" aria-label="Time range">
        {RANGES.map((r) => (
          <button
            key={r.key}
            type="button"
            aria-pressed={!custom && r.key === range}
            onClick={() => {
              setDraft(null);
              setRange(r.key);
            }}
          >
            {r.label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={custom}
          aria-expanded={draft !== null}
          // Opens on the window shown now, so "a bit earlier than this" is one edit.
          onClick={() => setDraft(draft ? null : custom ? range : rangeWindow(range))}
        >
          Custom
        </button>
      </div>
      {custom ? (
        <span className="range-custom num" aria-label="Custom time range">
          {rangePhrase(range)}
        </span>
      ) : null}
      {draft ? (
        <CustomRangeForm
          initial={draft}
          onApply={(next) => {
            setDraft(null);
            setCustomRange(next);
          }}
          onCancel={() => setDraft(null)}
        />
      ) : null}
    </div>
  );
}
