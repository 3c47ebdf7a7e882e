import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** The largest CSV file read (uploads and API bodies alike): 10,000 rows fit with room to spare. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Danish Excel saves CSV as Windows-1252 ("CSV (semikolonsepareret)") or as UTF-8 with a BOM
 * ("CSV UTF-8"); other tools write plain UTF-8. A BOM means UTF-8; bytes that are valid UTF-8 are
 * UTF-8 (Windows-1252 text with æøå is practically never valid UTF-8); anything else is read as
 * Windows-1252, so æøå survive either way.
 */
export function decodeCsvBytes(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  if (UTF8_BOM.every((byte, index) => bytes[index] === byte)) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(UTF8_BOM.length)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}
