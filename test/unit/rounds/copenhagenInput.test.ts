import { expect } from 'chai';
import { addDays, parseCopenhagenTime, toCopenhagenInput } from '../../../src/rounds/copenhagenInput.js';
import { selfGeneratedCode } from '../../../src/rounds/selfGeneratedCode.js';

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
  it('normalises the four elements into one code', () => {
    expect(selfGeneratedCode({ motherInitial: 'k', birthDay: '7', olderSiblings: '2', streetInitial: 'ø' }, 'da')).to.deep.equal({ code: 'K-07-2-Ø' });
  });
  it('names each wrong element in the respondent\'s language', () => {
    expect(selfGeneratedCode({ motherInitial: 'ab', birthDay: '32', olderSiblings: 'x', streetInitial: '' }, 'en')).to.deep.equal({
      errors: { motherInitial: 'Enter one letter.', streetInitial: 'Enter one letter.', birthDay: 'Enter a day from 1 to 31.', olderSiblings: 'Enter a number from 0 to 9.' },
    });
  });
});
