/** Numbers and durations written for people on call: "12 k", "1.2 M", "4 m", "35 s". */

export function formatCount(n: number): string {
  const abs = Math.abs(n);
  const scaled = (value: number, unit: string): string =>
    `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${unit}`;
  if (abs >= 1e9) return scaled(n / 1e9, 'G');
  if (abs >= 1e6) return scaled(n / 1e6, 'M');
  if (abs >= 1e4) return scaled(n / 1e3, 'k');
  return String(n);
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 1) return `${Math.round(s * 10) / 10} s`;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} m`;
  if (s < 86400) return `${Math.round((s / 3600) * 10) / 10} h`;
  return `${Math.round((s / 86400) * 10) / 10} d`;
}
