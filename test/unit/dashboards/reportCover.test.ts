import { expect } from 'chai';
import { reportCover, reportPageCss } from '../../../src/dashboards/reportCover.js';

const selection = {
  project: { name: 'JKI', anonymityK: 5 },
  baseline: { label: 'R1', opensAt: new Date('2025-01-06T08:00:00Z'), closesAt: new Date('2025-01-27T08:00:00Z') },
  followUp: { label: 'R2', opensAt: null, closesAt: null },
  paired: true, excludeDontKnow: false, filter: {}, madeAt: new Date('2026-03-02T09:00:00Z'),
};
const row = (cover: ReturnType<typeof reportCover>, label: string) => cover.rows.find((r) => r.label === label)?.value;

describe('the printed report\'s cover', () => {
  it('says "alle" when no filter is chosen, and names the rounds with their days, k, N and the day it was made', () => {
    const cover = reportCover({ ...selection, n: { baseline: 114, followUp: 111, paired: 82 } }, 'da');
    expect(row(cover, 'Filtre')).to.equal('alle (ingen filtre)');
    expect(row(cover, 'Før')).to.equal('R1 (6. januar 2025 – 27. januar 2025)');
    expect(row(cover, 'Efter')).to.equal('R2');
    expect(row(cover, 'Hvem')).to.equal('kun dem, der har svaret begge gange');
    expect(row(cover, 'Anonymitetsgrænse')).to.match(/^k = 5:/);
    expect(row(cover, 'Antal svar (N)')).to.equal('før 114, efter 111, begge gange 82');
    expect(row(cover, 'Udarbejdet')).to.equal('2. marts 2026 kl. 10.00');
    expect(cover.runningHeader).to.equal('JKI · R1 → R2 · alle (ingen filtre) · kun par');
  });

  it('names every filter, in the dashboard\'s order, on the cover and in the running header', () => {
    const cover = reportCover({ ...selection, paired: false, filter: { role: ['leder'], municipality: ['Aarhus', 'Køge'] } }, 'da');
    expect(row(cover, 'Filtre')).to.equal('Kommune: Aarhus, Køge; Rolle: leder');
    expect(cover.runningHeader).to.equal('JKI · R1 → R2 · Kommune: Aarhus, Køge; Rolle: leder · alle svar');
    expect(cover.rows.some((r) => r.label === 'Antal svar (N)')).to.equal(false);
  });

  it('speaks English when the report does', () => {
    const cover = reportCover({ ...selection, filter: { team: ['Nord'] } }, 'en');
    expect(row(cover, 'Filters')).to.equal('Team: Nord');
    expect(cover.pageNumber).to.deep.equal({ before: 'Page ', between: ' of ' });
  });

  it('escapes the header text in its stylesheet, so no project name can end the CSS string', () => {
    const css = reportPageCss(reportCover({ ...selection, project: { name: 'A "B" \\ } @import url(x); <C>', anonymityK: 5 } }, 'da'));
    const content = /@top-left \{ content: "((?:[^"\\]|\\[0-9a-f]+ )*)";/.exec(css);
    expect(content, css).to.not.equal(null);
    const decoded = content![1]!.replace(/\\([0-9a-f]+) /g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    expect(decoded).to.equal('A "B" \\ } @import url(x); <C> · R1 → R2 · alle (ingen filtre) · kun par');
    expect(css).to.contain('counter(page)').and.contain('counter(pages)');
  });
});
