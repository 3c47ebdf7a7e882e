import { expect } from 'chai';
import { roundPeriodText } from '../../../src/rounds/roundPeriod.js';

const round = (opensAt: string | null, da: string | null = null, en: string | null = null) => ({ opensAt: opensAt ? new Date(opensAt) : null, periodLabelDa: da, periodLabelEn: en });

describe('roundPeriodText', () => {
  it('is the two months before the round opens, in Danish time', () => {
    expect(roundPeriodText(round('2026-03-02T08:00:00Z'), 'da')).to.equal('januar og februar');
    expect(roundPeriodText(round('2026-03-02T08:00:00Z'), 'en')).to.equal('January and February');
    // 23:30 UTC on 28 February is already 1 March in Copenhagen.
    expect(roundPeriodText(round('2026-02-28T23:30:00Z'), 'da')).to.equal('januar og februar');
    expect(roundPeriodText(round('2026-02-28T22:30:00Z'), 'da')).to.equal('december og januar');
    expect(roundPeriodText(round('2026-01-15T09:00:00Z'), 'da')).to.equal('november og december');
  });

  it('uses the admin\'s label per language, and falls back to the dates for a language without one', () => {
    expect(roundPeriodText(round('2026-03-02T08:00:00Z', 'uge 6 til 8', 'weeks 6 to 8'), 'da')).to.equal('uge 6 til 8');
    expect(roundPeriodText(round('2026-03-02T08:00:00Z', 'uge 6 til 8', null), 'en')).to.equal('January and February');
    expect(roundPeriodText(round(null), 'da')).to.equal('de seneste måneder');
  });
});
