import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/**
 * Danish Excel saves CSV as Windows-1252 (or UTF-8 with a BOM when asked): a BOM means UTF-8;
 * bytes that are valid UTF-8 are UTF-8; anything else is read as Windows-1252, so æøå survive
 * either way.
 */
export function decodeCsvBytes(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}
