import { describe, expect, it } from 'vitest';
import { hexBytes, hexDump, hexPreview, prettyJson, textPreview, utf8Hex } from './payload';

describe('payload views', () => {
  it('dumps bytes 16 a line with offsets and printable ASCII', () => {
    const hex = utf8Hex('{"orderId": 1001,\n}');
    expect(hexDump(hex).split('\n')).toEqual([
      '00000000  7b 22 6f 72 64 65 72 49  64 22 3a 20 31 30 30 31  |{"orderId": 1001|',
      `00000010  2c 0a 7d${' '.repeat(42)}|,.}|`,
    ]);
    expect(hexDump('')).toBe('');
  });

  it('reads hex with separators or a 0x prefix, and ignores a dangling digit', () => {
    expect(hexBytes('0x00 ff:7B')).toEqual([0, 255, 123]);
    expect(hexBytes('abc')).toEqual([171]);
  });

  it('encodes text as UTF-8 before showing it as hex', () => {
    expect(utf8Hex('é€')).toBe('c3a9e282ac');
  });

  it('previews the first bytes of a binary value', () => {
    expect(hexPreview('0001020304050607')).toBe('00 01 02 03 04 05 06 07');
    expect(hexPreview('000102030405060708')).toBe('00 01 02 03 04 05 06 07 …');
  });

  it('re-indents JSON and leaves other text alone', () => {
    expect(prettyJson('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyJson('not json {')).toBe('not json {');
  });

  it('collapses a value to one short line for a table cell', () => {
    expect(textPreview('{\n  "a": 1\n}')).toBe('{ "a": 1 }');
    expect(textPreview('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
