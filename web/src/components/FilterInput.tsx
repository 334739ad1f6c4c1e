import { useEffect, useRef, useState } from 'react';
import { useSlashFocus } from '../hooks/useSlashFocus';

interface FilterInputProps {
  /** The filter as the URL has it. */
  value: string;
  /** Writes the filter to the URL; called once typing pauses. */
  onChange: (value: string) => void;
  label: string;
  placeholder: string;
  delayMs?: number;
}

/**
 * The page's search box: `/` focuses it, Esc leaves it. What is typed lives here first and
 * reaches the URL (and the api) after a short pause: bound straight to the URL, fast typing
 * lost keystrokes to the navigation each one caused, and every keystroke was a request.
 */
export function FilterInput({
  value,
  onChange,
  label,
  placeholder,
  delayMs = 200,
}: FilterInputProps) {
  const input = useRef<HTMLInputElement>(null);
  useSlashFocus(input);
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // The URL changed from elsewhere (Back, a pasted link, a cleared filter): show that.
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }

  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, value, onChange, delayMs]);

  return (
    <input
      ref={input}
      type="search"
      className="filter-input"
      placeholder={placeholder}
      aria-label={label}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') e.currentTarget.blur();
      }}
    />
  );
}
