import { useId } from 'react';
import type { MessageBrowse } from '../../hooks/useDlqMessages';
import { describeFilter, filterOf, messages, type SelectionMode } from './selection';
import { hasSelectionFilter } from './url';

/** The selection summary of the replay and discard dialogs: what exactly will be acted on. */
export function SelectionChooser(props: {
  dlq: string;
  mode: SelectionMode;
  onMode: (mode: SelectionMode) => void;
  selectedCount: number;
  browse: MessageBrowse;
}) {
  const { dlq, mode, onMode, selectedCount, browse } = props;
  const name = useId();
  const filtered = hasSelectionFilter(browse);
  const options: { value: SelectionMode; label: string; disabled: boolean }[] = [
    {
      value: 'selected',
      label:
        selectedCount > 0 ? `The ${messages(selectedCount)} selected` : 'Selected messages (none)',
      disabled: selectedCount === 0,
    },
    {
      value: 'filter',
      label: filtered
        ? `Everything matching the filter (${describeFilter(filterOf(browse))})`
        : 'Everything matching the filter (no filter set)',
      disabled: !filtered,
    },
    { value: 'all', label: `Every dead letter in ${dlq}`, disabled: false },
  ];
  return (
    <fieldset className="choice">
      <legend>Selection</legend>
      {options.map((o) => (
        <label key={o.value} className={o.disabled ? 'choice-off' : undefined}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={mode === o.value}
            disabled={o.disabled}
            onChange={() => onMode(o.value)}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
