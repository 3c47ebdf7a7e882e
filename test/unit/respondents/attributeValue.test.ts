import { expect } from 'chai';
import fc from 'fast-check';
import { caseKey, normaliseAttributeValue, ProjectSpellings } from '../../../src/respondents/attributeValue.js';

/** Any text, spaces of every kind included. */
const anyText = fc.string({ unit: 'grapheme', maxLength: 30 });
const whitespace = fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u2000', '\u3000', '\n', ' \r\n ');
/** A value as a person would type it: letters of Danish and other languages, digits, inner spaces. */
const word = fc.string({ unit: fc.constantFrom(...'abcæøåABCÆØÅéüßĳǰσςΣ1/-'.split(''), 'ø', 'å', 'é'), minLength: 1, maxLength: 8 });
const value = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));

/** The same value typed another way: letters' case flipped at random, other white space around and between words, decomposed or not. */
function variantOf(text: string, flips: boolean[], edge: string, inner: string, decompose: boolean): string {
  const chars = [...text].map((char, i) => (flips[i % flips.length] ? (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase()) : char));
  const spaced = `${edge}${chars.join('').replaceAll(' ', inner)}${edge}`;
  return decompose ? spaced.normalize('NFD') : spaced;
}

describe('normalising respondent attribute values', () => {
  it('is idempotent, composes to NFC and leaves no leading, trailing or repeated white space', () => {
    fc.assert(fc.property(fc.tuple(anyText, whitespace, anyText, whitespace), ([a, space, b, edge]) => {
      const once = normaliseAttributeValue(`${edge}${a}${space}${space}${b}${edge}`);
      expect(normaliseAttributeValue(once)).to.equal(once);
      expect(once.normalize('NFC')).to.equal(once);
      expect(once).not.to.match(/^\s|\s$/u);
      expect(once).not.to.match(/\s\s/u);
      expect(once).not.to.match(/[^\S ]/u, 'only plain spaces are left');
    }), { numRuns: 2000 });
  });

  it('maps every case, space and Unicode variant of a value to one key and to the first spelling', () => {
    fc.assert(fc.property(value, fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), whitespace, whitespace, fc.boolean(), (text, flips, edge, inner, decompose) => {
      const variant = variantOf(text, flips, edge, inner, decompose);
      expect(caseKey(variant)).to.equal(caseKey(text));
      const spellings = new ProjectSpellings();
      spellings.remember('team', text);
      expect(spellings.spell('team', variant)).to.equal(normaliseAttributeValue(text));
    }), { numRuns: 2000 });
  });

  it('keeps values apart that differ in more than case', () => {
    expect(caseKey('Team 1')).not.to.equal(caseKey('Team 2'));
    expect(caseKey('Ærø')).not.to.equal(caseKey('Aero'));
    expect(caseKey('Bøgelund')).not.to.equal(caseKey('Bogelund'));
    expect(normaliseAttributeValue(' B\u006f\u0308gelund \u00a0 Syd ')).to.equal('Bögelund Syd');
  });
});
