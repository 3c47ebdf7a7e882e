import { expect } from 'chai';
import { dashboardNotice } from '../../../src/dashboards/dashboardNotice.js';

describe('dashboard notices in the page\'s language', () => {
  const message = 'Ingen sagsbehandlere i projektet passer til de valgte filtre. (No caseworker in this project matches the filters.)';

  it('shows the Danish half on a Danish page and the English half on an English one', () => {
    expect(dashboardNotice(message, 'da')).to.equal('Ingen sagsbehandlere i projektet passer til de valgte filtre.');
    expect(dashboardNotice(message, 'en')).to.equal('No caseworker in this project matches the filters.');
  });

  it('keeps parentheses inside the Danish half, and a message without an English half whole', () => {
    expect(dashboardNotice('Ukendt værdi: Kommune „A (B)“. (Unknown value: municipality="A (B)".)', 'da')).to.equal('Ukendt værdi: Kommune „A (B)“.');
    expect(dashboardNotice('Projektet har ingen runder.', 'en')).to.equal('Projektet har ingen runder.');
  });
});
