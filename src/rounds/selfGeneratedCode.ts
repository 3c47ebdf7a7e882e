import type { Language } from '../questionnaires/types.js';

/**
 * The self-generated code of an anonymous open link: stable facts a person answers the same way
 * each round, and nobody else can look up (analysis.md, "Pairing repeat respondents").
 */
export interface SelfCodeInput {
  motherInitial: string;
  birthDay: string;
  olderSiblings: string;
  streetInitial: string;
}

const LETTER = /^\p{L}$/u;

const messages = {
  da: { letter: 'Skriv ét bogstav.', day: 'Skriv en dag fra 1 til 31.', siblings: 'Skriv et tal fra 0 til 9.' },
  en: { letter: 'Enter one letter.', day: 'Enter a day from 1 to 31.', siblings: 'Enter a number from 0 to 9.' },
};

/** The normalised code "K-07-2-S", or the problems per field. */
export function selfGeneratedCode(input: Partial<SelfCodeInput>, language: Language): { code: string } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const mother = (input.motherInitial ?? '').trim().toLocaleUpperCase('da-DK');
  const street = (input.streetInitial ?? '').trim().toLocaleUpperCase('da-DK');
  const day = (input.birthDay ?? '').trim();
  const siblings = (input.olderSiblings ?? '').trim();
  if (!LETTER.test(mother)) errors.motherInitial = messages[language].letter;
  if (!LETTER.test(street)) errors.streetInitial = messages[language].letter;
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) errors.birthDay = messages[language].day;
  if (!/^\d$/.test(siblings)) errors.olderSiblings = messages[language].siblings;
  if (Object.keys(errors).length > 0) return { errors };
  return { code: `${mother}-${day.padStart(2, '0')}-${siblings}-${street}` };
}
