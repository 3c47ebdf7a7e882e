import { expect } from 'chai';
import fc from 'fast-check';
import { roundedShares, shareChangeCaption } from '../../../src/dashboards/captions.js';

const subject = 'Andelen, der er helt enige eller enige,';
const caption = (from: number, to: number, pHolm?: number | null) => shareChangeCaption(subject, { from, to, pHolm }, 'N = 40 / 40', 'da');

describe('chart captions', () => {
  it('says "steg" for a rise, with a plus', () => {
    expect(caption(0.3, 0.55, 0.001)).to.equal('Andelen, der er helt enige eller enige, steg fra 30 % til 55 % (+25 procentpoint, N = 40 / 40).');
  });

  it('says "faldt" for a fall, with a minus: never "steg fra 43 % til 39 %"', () => {
    expect(caption(0.43, 0.39, 0.01)).to.equal('Andelen, der er helt enige eller enige, faldt fra 43 % til 39 % (−4 procentpoint, N = 40 / 40).');
  });

  it('says "var uændret" when both shares are the same', () => {
    expect(caption(0.4, 0.4, 1)).to.equal('Andelen, der er helt enige eller enige, var uændret på 40 % (N = 40 / 40).');
  });

  it('says when the change is not statistically significant after Holm', () => {
    expect(caption(0.3, 0.38, 0.09)).to.equal('Andelen, der er helt enige eller enige, steg fra 30 % til 38 % (+8 procentpoint, N = 40 / 40). Ændringen er ikke statistisk signifikant (p = 0,09 efter Holm-korrektion).');
    expect(caption(0.5, 0.42, 0.05)).to.contain('faldt').and.contain('ikke statistisk signifikant (p = 0,05');
    // Significant, or no test at all: no claim either way.
    expect(caption(0.3, 0.38, 0.049)).to.not.contain('signifikant');
    expect(caption(0.3, 0.38, null)).to.not.contain('signifikant');
  });

  it('computes the change from the rounded shares it prints: 22 % → 45 % is +23, not +24', () => {
    // 22.4 % → 45.5 % is +23.1 points unrounded, which rounds to 23; but 21.6 % → 45.4 % is +23.8 ≈ 24.
    expect(caption(0.216, 0.454, 0.001)).to.contain('fra 22 % til 45 % (+23 procentpoint');
  });

  it('prints one decimal when whole percents would hide a change', () => {
    expect(caption(0.4012, 0.4041, 0.01)).to.contain('steg fra 40,1 % til 40,4 % (+0,3 procentpoint');
    expect(caption(0.40001, 0.40002, 0.9)).to.contain('var uændret på 40,0 %');
  });

  it('speaks English on English pages', () => {
    expect(shareChangeCaption('The share who strongly agree or agree', { from: 0.43, to: 0.39, pHolm: 0.4 }, 'N = 40 / 40', 'en'))
      .to.equal('The share who strongly agree or agree fell from 43 % to 39 % (−4 percentage points, N = 40 / 40). The change is not statistically significant (p = 0.40 after Holm correction).');
  });

  it('always prints a change equal to the difference of the printed shares, with the verb of its sign', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (from, to) => {
      const text = caption(from, to, 0.001);
      const r = roundedShares({ from, to });
      const match = /fra ([\d,]+) % til ([\d,]+) % \(([+−])([\d,]+) procentpoint/.exec(text);
      if (!match) {
        expect(text).to.match(/var uændret på/);
        expect(r.from).to.equal(r.to);
        return;
      }
      const [printedFrom, printedTo, sign, points] = [match[1], match[2], match[3], match[4]].map((s) => s!.replace(',', '.'));
      const difference = Number(printedTo) - Number(printedFrom);
      expect(Math.abs(Math.abs(difference) - Number(points))).to.be.below(1e-9);
      expect(sign).to.equal(difference > 0 ? '+' : '−');
      expect(text).to.contain(difference > 0 ? ' steg ' : ' faldt ');
    }));
  });
});
