import { Num } from './Num';

/** A per-second rate: "1.2 k/s", "3.4 MiB/s"; unknown stays "—" without a unit. */
export function Rate({
  value,
  kind = 'count',
}: {
  value: number | null;
  kind?: 'count' | 'bytes';
}) {
  return (
    <>
      <Num value={value} kind={kind} />
      {value === null ? null : <span className="muted num">/s</span>}
    </>
  );
}
