import type { RequestHandler } from 'express';
import { compileSchema } from '../shared/ajv.js';
import { BadRequestError } from '../shared/errors.js';

/**
 * How a CSV export is written. `rfc4180` (the default): `,` between cells and `.` in numbers, as
 * R, SPSS, Stata and LibreOffice read by default. `excel-da`: `;` between cells and `,` in
 * numbers, which Danish Excel splits and reads as numbers on a double-click. Both start with a
 * UTF-8 BOM (Excel then shows æøå) and neutralise formulas the same way.
 */
export interface CsvDialect {
  name: CsvDialectName;
  delimiter: ',' | ';';
  decimalComma: boolean;
}

export const CSV_DIALECT_NAMES = ['rfc4180', 'excel-da'] as const;
export type CsvDialectName = (typeof CSV_DIALECT_NAMES)[number];

const DIALECTS: Record<CsvDialectName, CsvDialect> = {
  rfc4180: { name: 'rfc4180', delimiter: ',', decimalComma: false },
  'excel-da': { name: 'excel-da', delimiter: ';', decimalComma: true },
};

/** The `dialect` query parameter, for the query schemas of the CSV exports. */
export const dialectParameter = { enum: [...CSV_DIALECT_NAMES] } as const;

export function csvDialect(name: unknown): CsvDialect {
  return DIALECTS[(name as CsvDialectName | undefined) ?? 'rfc4180'] ?? DIALECTS.rfc4180;
}

const dialectQuery = { $id: 'https://pejling.dk/schemas/export-dialect-query.json', type: 'object', properties: { dialect: dialectParameter } } as const;

/**
 * Checked before the rest of the query, so an unknown dialect gets a message saying which ones
 * exist rather than the schema's generic "must be equal to one of the allowed values".
 */
export function validateDialect(): RequestHandler {
  const validate = compileSchema(dialectQuery);
  return (req, _res, next) => {
    if (!validate(req.query)) {
      throw new BadRequestError(
        `Ukendt CSV-format "${String((req.query as Record<string, unknown>).dialect)}": brug dialect=excel-da (semikolon og decimalkomma til dansk Excel) eller udelad parameteren (komma og decimalpunktum). (Unknown dialect: use dialect=excel-da or rfc4180, or leave it out.)`,
        [{ field: 'query.dialect', message: `must be one of ${CSV_DIALECT_NAMES.join(', ')}` }],
        'unknown_dialect',
      );
    }
    next();
  };
}
