import { expect } from 'chai';
import { decodeCsvBytes } from '../../../src/respondents/decodeCsvBytes.js';
import { parseCaseworkerCsv } from '../../../src/respondents/parseCaseworkerCsv.js';
import { buildCaseworkers, encode, toCsv } from '../../support/csvBuilders.js';

describe('reading caseworker CSV files', () => {
  const text = toCsv(buildCaseworkers(3));

  for (const [label, encoder, encoding] of [['UTF-8', encode.utf8, 'utf-8'], ['UTF-8 with BOM', encode.utf8Bom, 'utf-8-bom'], ['Windows-1252', encode.windows1252, 'windows-1252']] as const) {
    it(`decodes ${label} with æøå intact`, () => {
      const decoded = decodeCsvBytes(encoder(text));
      expect(decoded.encoding).to.equal(encoding);
      expect(decoded.text).to.equal(text);
      expect(parseCaseworkerCsv(decoded.text).rows[0]!.values.name).to.equal('Søren Ørsted Æblegård 1');
    });
  }

  it('reads semicolon-separated files and Danish headers in any order', () => {
    const parsed = parseCaseworkerCsv('Rolle;E-mail;Navn;Kommune;Afdeling;Gruppe;Medarbejdernummer\nsagsbehandler;a@b.dk;Åse;Ærø;Team 1;Forsøg;77\n');
    expect(parsed.fileErrors).to.deep.equal([]);
    expect(parsed.rows[0]).to.deep.equal({ line: 2, values: { role: 'sagsbehandler', email: 'a@b.dk', name: 'Åse', municipality: 'Ærø', team: 'Team 1', group: 'Forsøg', externalId: '77' } });
  });

  it('names missing columns as a file error', () => {
    const parsed = parseCaseworkerCsv('name,email\nA,a@b.dk\n');
    expect(parsed.fileErrors[0]).to.contain('Kolonner mangler: kommune, rolle');
  });

  it('reports an empty file and quoted fields with delimiters', () => {
    expect(parseCaseworkerCsv('').fileErrors).to.deep.equal(['Filen er tom.']);
    const parsed = parseCaseworkerCsv('name,email,municipality,team,role\n"Hansen, Bo",bo@x.dk,Aarhus,"Team ""A""",sb\n');
    expect(parsed.rows[0]!.values).to.deep.include({ name: 'Hansen, Bo', team: 'Team "A"' });
  });
});
