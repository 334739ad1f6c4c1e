import type { DecodedHeader } from '@eventscope/shared';

/**
 * Record headers with what they mean: Spring's binary ints and longs and Connect's decimal
 * strings come decoded from the api; the raw bytes stay on hover and beside them.
 */
export function HeadersTable({ headers }: { headers: readonly DecodedHeader[] }) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="table drawer-attrs" aria-label="Headers">
      <tbody>
        {headers.map((h, i) => (
          <tr key={`${h.key}\n${i}`}>
            <th scope="row" className="mono">
              {h.key}
            </th>
            <td className="mono">
              {h.decoded !== undefined ? (
                <>
                  <span>{h.decoded}</span>{' '}
                  <span className="muted" title={`raw ${h.encoding === 'hex' ? 'bytes' : 'text'}`}>
                    ({h.encoding === 'hex' ? `0x${h.value}` : h.value})
                  </span>
                </>
              ) : h.encoding === 'hex' ? (
                <span title="not UTF-8: shown as hex">0x{h.value}</span>
              ) : (
                h.value
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
