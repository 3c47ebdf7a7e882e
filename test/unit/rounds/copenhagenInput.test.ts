import { expect } from 'chai';
import { addDays, parseCopenhagenTime, toCopenhagenInput } from '../../../src/rounds/copenhagenInput.js';
import { DEFAULT_SELF_CODE_ELEMENTS, selfCodeElementsOf, selfGeneratedCode } from '../../../src/rounds/selfGeneratedCode.js';

describe('Danish local times', () => {
  it('reads winter time as UTC+1 and summer time as UTC+2', () => {
    expect(parseCopenhagenTime('2026-03-02T09:00')!.toISOString()).to.equal('2026-03-02T08:00:00.000Z');
    expect(parseCopenhagenTime('2026-06-02T09:00')!.toISOString()).to.equal('2026-06-02T07:00:00.000Z');
  });
  it('takes an explicit offset as it says', () => {
    expect(parseCopenhagenTime('2026-03-02T09:00Z')!.toISOString()).to.equal('2026-03-02T09:00:00.000Z');
  });
  it('refuses a local time skipped by the spring change and nonsense', () => {
    expect(parseCopenhagenTime('2026-03-29T02:30')).to.equal(null);
    expect(parseCopenhagenTime('2026-02-30T09:00')).to.equal(null);
  });
  it('counts reminder days in calendar days across the DST change (09:00 stays 09:00)', () => {
    const opens = parseCopenhagenTime('2026-03-27T09:00')!;
    expect(toCopenhagenInput(addDays(opens, 3))).to.equal('2026-03-30T09:00');
    expect(addDays(opens, 3).getTime() - opens.getTime()).to.equal((3 * 24 - 1) * 3600_000);
  });
});

describe('self-generated codes', () => {
  const four = ['motherInitial', 'birthDay', 'olderSiblings', 'streetInitial'] as const;
  it('normalises the four elements into one code, as before the elements became a setting', () => {
    expect(selfGeneratedCode([...four], { motherInitial: 'k', birthDay: '7', olderSiblings: '2', streetInitial: 'ø' }, 'da')).to.deep.equal({ code: 'K-07-2-Ø' });
  });
  it('lists the elements in the catalogue\'s order, whatever order the setting gives', () => {
    const facts = { motherInitial: 'k', birthDay: '07', birthMonth: '3', olderSiblings: '2', streetInitial: 's' };
    expect(selfGeneratedCode(selfCodeElementsOf({ selfCodeElements: JSON.stringify(['streetInitial', 'birthMonth', ...four]) }), facts, 'da')).to.deep.equal({ code: 'K-07-03-2-S' });
    expect(selfGeneratedCode([...DEFAULT_SELF_CODE_ELEMENTS], { ...facts, birthMonth: '13' }, 'da')).to.deep.equal({ errors: { birthMonth: 'Vælg en måned.' } });
  });
  it('names each wrong element in the respondent\'s language', () => {
    expect(selfGeneratedCode([...four], { motherInitial: 'ab', birthDay: '32', olderSiblings: 'x', streetInitial: '' }, 'en')).to.deep.equal({
      errors: { motherInitial: 'Enter one letter.', streetInitial: 'Enter one letter.', birthDay: 'Enter a day from 1 to 31.', olderSiblings: 'Enter a number from 0 to 9.' },
    });
  });
});
