/**
 * Payload views for the message drawer. The api sends each value already decoded per its
 * encoding (pretty JSON, UTF-8 text, or hex for bytes that are not text); these turn one
 * into the others for display and copying.
 */

/** Re-indents JSON the api sent; text that does not parse is shown as it came. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The UTF-8 bytes of a text, as hex: what the text view is made of. */
export function utf8Hex(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Hex digits to bytes; separators and a `0x` prefix are tolerated, an odd digit is dropped. */
export function hexBytes(hex: string): number[] {
  const digits = hex.replace(/^0x/i, '').replace(/[^0-9a-f]/gi, '');
  const bytes: number[] = [];
  for (let i = 0; i + 1 < digits.length; i += 2) bytes.push(parseInt(digits.slice(i, i + 2), 16));
  return bytes;
}

const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/**
 * A classic hex dump, 16 bytes a line: offset, bytes in two groups of 8, printable ASCII.
 * `00000000  7b 22 69 64 22 3a 31 7d                           |{"id":1}|`
 */
export function hexDump(hex: string, width = 16): string {
  const bytes = hexBytes(hex);
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += width) {
    const row = bytes.slice(at, at + width);
    const cells = Array.from({ length: width }, (_, i) => {
      const b = row[i];
      const cell = b === undefined ? '  ' : b.toString(16).padStart(2, '0');
      return i === width / 2 ? ` ${cell}` : cell;
    });
    const ascii = row.map(printable).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${cells.join(' ')}  |${ascii}|`);
  }
  return lines.join('\n');
}

/** The first bytes as spaced hex for a table cell: "00 01 fe ff …". */
export function hexPreview(hex: string, count = 8): string {
  const bytes = hexBytes(hex);
  const shown = bytes
    .slice(0, count)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(' ');
  return bytes.length > count ? `${shown} …` : shown;
}

/** One line of a value for a table cell: JSON and text collapsed, at most `max` characters. */
export function textPreview(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
