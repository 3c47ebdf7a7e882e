import type { CaseworkerField } from './parseCaseworkerCsv.js';

/**
 * The caseworker columns as a Danish admin reads them in the import's messages and preview (the
 * file may use the English or the Danish header; the JSON API keeps the field names).
 */
const danishColumnNames: Record<CaseworkerField | 'groupName' | 'active', string> = {
  name: 'navn', email: 'e-mail', municipality: 'kommune', team: 'team', role: 'rolle', group: 'gruppe', groupName: 'gruppe',
  externalId: 'eksternt id', language: 'sprog', active: 'aktiv',
};

export function danishColumnName(field: string): string {
  return (danishColumnNames as Record<string, string>)[field] ?? field;
}

/** "kommune" → "Kommune", for the start of a sentence. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
