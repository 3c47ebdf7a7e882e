import iconv from 'iconv-lite';

export interface CsvPerson { name: string; email: string; municipality: string; team: string; role: string; group?: string; externalId?: string }

/** n caseworkers with Danish names spread over municipalities, teams and two groups. */
export function buildCaseworkers(n: number, overrides: (index: number) => Partial<CsvPerson> = () => ({})): CsvPerson[] {
  const municipalities = ['Aarhus', 'Odense', 'Ærø', 'Køge'];
  return Array.from({ length: n }, (_, i) => ({
    name: `Søren Ørsted Æblegård ${i + 1}`, email: `sagsbehandler${i + 1}@jobcenter.dk`, municipality: municipalities[i % municipalities.length]!,
    team: `Team ${i % 3 === 0 ? 'Nord' : 'Syd'}`, role: 'koordinerende sagsbehandler', group: i % 2 === 0 ? 'Forsøg' : 'Kontrol', externalId: `M${1000 + i}`, ...overrides(i),
  }));
}

export function toCsv(people: CsvPerson[], options: { delimiter?: string; header?: string[] } = {}): string {
  const d = options.delimiter ?? ',';
  const header = options.header ?? ['name', 'email', 'municipality', 'team', 'role', 'group', 'external_id'];
  const lines = people.map((p) => [p.name, p.email, p.municipality, p.team, p.role, p.group ?? '', p.externalId ?? ''].slice(0, header.length).join(d));
  return [header.join(d), ...lines].join('\r\n') + '\r\n';
}

export const encode = {
  utf8: (text: string) => Buffer.from(text, 'utf8'),
  utf8Bom: (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  windows1252: (text: string) => iconv.encode(text, 'windows-1252'),
};
