import type { DataSource } from 'typeorm';

/**
 * A text expression that SQL compares and groups byte for byte, as JavaScript does. MariaDB and
 * MySQL compare `utf8mb4_unicode_ci` text without case, accents or trailing spaces ("T1" = "t1" =
 * "T1 "), and even `utf8mb4_bin` pads trailing spaces, so there the bytes are compared; SQLite's
 * default BINARY collation compares bytes already. Not sargable on MySQL: use it on small tables
 * (the respondent registry) or beside a plain condition that an index can serve.
 */
export function exactText(dataSource: Pick<DataSource, 'options'>, expression: string): string {
  return dataSource.options.type === 'mysql' ? `CAST(${expression} AS BINARY)` : expression;
}
