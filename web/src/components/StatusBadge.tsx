import { statusInfo } from '../lib/status';

/** The word, its colour role and the meaning on hover: never colour alone (UI.md). */
export function StatusBadge({ status, title }: { status: string | null; title?: string }) {
  const info = statusInfo(status);
  return (
    <span className={`badge role-${info.role}`} title={title ?? info.tooltip}>
      {info.word}
    </span>
  );
}
