import type { Language } from '../questionnaires/types.js';

/** Messages shown beside a field; each names the problem and how to fix it. */
export const validationMessages = {
  da: {
    required: 'Besvar venligst spørgsmålet.',
    requiredRow: 'Vælg et svar i denne række.',
    notANumber: 'Skriv et tal.',
    notAWholeNumber: 'Skriv et helt tal uden decimaler.',
    belowMin: (min: number) => `Tallet må ikke være mindre end ${min}.`,
    aboveMax: (max: number) => `Tallet må ikke være større end ${max}.`,
    notOnScale: 'Vælg en af svarmulighederne.',
    tooLong: (max: number) => `Teksten må højst være ${max} tegn.`,
    notText: 'Svaret skal være en tekst.',
    unknownItem: 'Spørgsmålet findes ikke i dette spørgeskema.',
    unknownPart: 'Denne del findes ikke i spørgsmålet.',
    wrongShape: 'Svaret har ikke den rigtige form.',
    sumNot: (total: number, sum: number) => `Andelene skal tilsammen give ${total} %. De giver nu ${formatNumber(sum, 'da')} %.`,
    aboveOther: (other: string, value: number) => `Tallet må ikke være større end dit svar på „${other}“ (${formatNumber(value, 'da')}).`,
    hiddenAnswered: (other: string) => `Dette spørgsmål skal ikke besvares ud fra dit svar på „${other}“.`,
  },
  en: {
    required: 'Please answer the question.',
    requiredRow: 'Choose an answer in this row.',
    notANumber: 'Enter a number.',
    notAWholeNumber: 'Enter a whole number without decimals.',
    belowMin: (min: number) => `The number must not be less than ${min}.`,
    aboveMax: (max: number) => `The number must not be greater than ${max}.`,
    notOnScale: 'Choose one of the answer options.',
    tooLong: (max: number) => `The text may be at most ${max} characters.`,
    notText: 'The answer must be text.',
    unknownItem: 'This question is not part of this questionnaire.',
    unknownPart: 'This part does not exist in the question.',
    wrongShape: 'The answer does not have the right form.',
    sumNot: (total: number, sum: number) => `The shares must add up to ${total} %. They now add up to ${formatNumber(sum, 'en')} %.`,
    aboveOther: (other: string, value: number) => `The number must not be greater than your answer to “${other}” (${formatNumber(value, 'en')}).`,
    hiddenAnswered: (other: string) => `This question does not apply given your answer to “${other}”.`,
  },
} satisfies Record<Language, unknown>;

export type ValidationMessages = (typeof validationMessages)['da'];

function formatNumber(value: number, language: Language): string {
  return value.toLocaleString(language === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 2 });
}
