import { LANGUAGES, type Language } from '../questionnaires/types.js';

/** The parts of a question the error summary counts: a battery's statements, a matrix's rows, an allocation's boxes. */
export type PartKind = 'statements' | 'rows' | 'boxes';

/** A page that tells the respondent where they stand instead of showing the form. */
export type MessageKind = 'submitted' | 'alreadySubmitted' | 'unknownLink' | 'roundClosed' | 'notYetOpen' | 'tryAgainLater' | 'notFound' | 'linkInactive' | 'rateLimited';

/** Which dkfds alert colour a message page uses. */
export type MessageTone = 'success' | 'info' | 'warning' | 'error';

export interface MessageText {
  heading: string;
  text: string;
  /** What the person can do now. */
  next: string;
  tone: MessageTone;
}

export interface UiText {
  siteName: string;
  skipToContent: string;
  footerText: string;
  languageSwitch: {
    label: string;
    /** Each language named in itself, so a person who cannot read the page still finds theirs. */
    names: Record<Language, string>;
  };
  form: {
    submit: string;
    save: string;
    saveHint: string;
    savedHeading: string;
    savedText: string;
    /** On the anonymous open link the way back is the same browser and the same code, not a personal link. */
    openLinkSaveHint: string;
    openLinkSavedText: string;
    requiredIntro: string;
    errorSummaryTitle: string;
    /** Read before each field error by screen readers. */
    errorPrefix: string;
    /** Put before the page title when the form has errors, so the problem is heard first. */
    titleErrorPrefix: string;
    required: string;
    optional: string;
    dontKnow: string;
    sum: string;
    sumOf: string;
    sumMatches: string;
    sumMissing: (amount: string) => string;
    sumTooMuch: (amount: string) => string;
    allocationHint: (total: string) => string;
    numberRangeHint: (min: string, max: string) => string;
    maxLengthHint: (max: string) => string;
    onlyAnswerIf: (question: string, answers: string[]) => string;
    autosaveSaving: string;
    /** `{time}` is replaced in the browser with the local clock time. */
    autosaveSaved: string;
    autosaveFailed: string;
    autosaveRestored: string;
    /** Shown in the form (by form.js) when "Send svar" reached no database: the answers stay put. */
    submitFailedHeading: string;
    submitFailedText: string;
    /** "Del 2 af 5": where a section sits among all of them. */
    step: (index: number, count: number) => string;
    /** On the first screen: roughly how long the questionnaire takes. */
    estimatedTime: (minutes: number) => string;
    /** Without JavaScript the sum cannot update live; this says when it does. */
    sumWithoutScript: string;
    /** "6 udsagn": how many parts of a question share one problem in the error summary. */
    parts: (count: number, kind: PartKind) => string;
  };
  messages: Record<MessageKind, MessageText>;
}

function orList(parts: string[], or: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${or} ${parts[parts.length - 1]}`;
}

const da: UiText = {
  siteName: 'Pejling',
  skipToContent: 'Gå til sidens indhold',
  footerText: 'Pejling – spørgeskemaer om sagsbehandlernes arbejde i jobcentret.',
  languageSwitch: { label: 'Vælg sprog', names: { da: 'Dansk', en: 'English' } },
  form: {
    submit: 'Send svar',
    save: 'Gem og fortsæt senere',
    saveHint: 'Dine svar bliver også gemt automatisk, mens du udfylder skemaet. Du kan fortsætte senere fra dit personlige link.',
    savedHeading: 'Dine svar er gemt',
    savedText: 'Du kan lukke siden og fortsætte senere fra dit personlige link. Husk at trykke „Send svar“, når du er færdig.',
    openLinkSaveHint: 'Dine svar bliver også gemt automatisk, mens du udfylder skemaet. Du kan fortsætte senere i denne browser: åbn linket igen, og skriv den samme kode.',
    openLinkSavedText: 'Du kan lukke siden og fortsætte senere i denne browser: åbn linket igen, og skriv den samme kode. Husk at trykke „Send svar“, når du er færdig.',
    requiredIntro: 'Alle spørgsmål skal besvares, medmindre de er markeret som valgfrie.',
    errorSummaryTitle: 'Der er problemer med dine svar',
    errorPrefix: 'Fejl:',
    titleErrorPrefix: 'Fejl: ',
    required: 'Påkrævet',
    optional: '(valgfrit)',
    dontKnow: 'Ved ikke',
    sum: 'Sum',
    sumOf: 'af',
    sumMatches: 'passer',
    sumMissing: (amount) => `mangler ${amount}`,
    sumTooMuch: (amount) => `${amount} for meget`,
    allocationHint: (total) => `Tallene skal tilsammen give ${total}. Skriv 0 ud for det, der ikke passer på dig.`,
    numberRangeHint: (min, max) => `Skriv et tal fra ${min} til ${max}.`,
    maxLengthHint: (max) => `Du kan skrive op til ${max} tegn.`,
    onlyAnswerIf: (question, answers) => `Besvar kun, hvis du svarede ${orList(answers.map((answer) => `„${answer}“`), 'eller')} til „${question}“.`,
    autosaveSaving: 'Gemmer …',
    autosaveSaved: 'Gemt kl. {time}',
    autosaveFailed: 'Kunne ikke gemme – dine svar er gemt i browseren',
    autosaveRestored: 'Vi har hentet dine seneste svar, som var gemt i browseren.',
    submitFailedHeading: 'Dine svar er ikke sendt endnu',
    submitFailedText: 'Vi kan ikke gemme svar lige nu. Dine svar står stadig i skemaet og er gemt i browseren – prøv at sende igen om lidt.',
    step: (index, count) => `Del ${index} af ${count}`,
    estimatedTime: (minutes) => `Det tager omkring ${minutes} ${minutes === 1 ? 'minut' : 'minutter'} at svare.`,
    sumWithoutScript: 'Summen regnes ud igen, når du trykker „Gem og fortsæt senere“.',
    parts: (count, kind) => `${count} ${{ statements: 'udsagn', rows: 'rækker', boxes: 'felter' }[kind]}`,
  },
  messages: {
    submitted: {
      heading: 'Tak for dine svar',
      text: 'Dine svar er modtaget.',
      next: 'Du kan lukke siden nu.',
      tone: 'success',
    },
    alreadySubmitted: {
      heading: 'Du har allerede svaret',
      text: 'Vi har allerede modtaget dine svar i denne runde. Svar kan ikke ændres, når de er sendt.',
      next: 'Kontakt projektlederen, hvis du har brug for at rette noget.',
      tone: 'info',
    },
    unknownLink: {
      heading: 'Linket virker ikke',
      text: 'Vi kan ikke finde et spørgeskema til dette link. Måske er linket kopieret forkert eller ikke længere gyldigt.',
      next: 'Åbn linket direkte fra din mail, eller bed projektlederen om et nyt link.',
      tone: 'warning',
    },
    roundClosed: {
      heading: 'Spørgeskemaet er lukket',
      text: 'Svarfristen for denne runde er overskredet, så der kan ikke længere svares.',
      next: 'Kontakt projektlederen, hvis du mener, det er en fejl.',
      tone: 'info',
    },
    notYetOpen: {
      heading: 'Spørgeskemaet er ikke åbnet endnu',
      text: 'Denne runde er ikke begyndt endnu.',
      next: 'Brug det samme link igen, når runden er åbnet.',
      tone: 'info',
    },
    tryAgainLater: {
      heading: 'Der er opstået en fejl',
      text: 'Vi kan ikke vise spørgeskemaet lige nu. Dine svar er ikke gået tabt.',
      next: 'Prøv igen om lidt med det samme link.',
      tone: 'error',
    },
    notFound: {
      heading: 'Siden findes ikke',
      text: 'Vi kan ikke finde den side, du leder efter.',
      next: 'Tjek adressen, eller brug linket fra din mail.',
      tone: 'warning',
    },
    linkInactive: {
      heading: 'Linket er ikke længere aktivt',
      text: 'Dette personlige link er lukket, fordi du ikke længere deltager i undersøgelsen. Der bliver ikke gemt nogen svar fra det.',
      next: 'Kontakt projektlederen, hvis du mener, det er en fejl.',
      tone: 'info',
    },
    rateLimited: {
      heading: 'For mange forsøg lige nu',
      text: 'Vi har modtaget mange forsøg på kort tid og venter lidt, før vi tager imod flere. Dine svar er ikke gået tabt.',
      next: 'Vent et minut, og prøv så igen.',
      tone: 'warning',
    },
  },
};

const en: UiText = {
  siteName: 'Pejling',
  skipToContent: 'Skip to main content',
  footerText: 'Pejling – questionnaires about caseworkers’ work in the job centre.',
  languageSwitch: { label: 'Choose language', names: { da: 'Dansk', en: 'English' } },
  form: {
    submit: 'Submit',
    save: 'Save and continue later',
    saveHint: 'Your answers are also saved automatically while you fill in the questionnaire. You can continue later from your personal link.',
    savedHeading: 'Your answers have been saved',
    savedText: 'You can close the page and continue later from your personal link. Remember to press “Submit” when you are done.',
    openLinkSaveHint: 'Your answers are also saved automatically while you fill in the questionnaire. You can continue later in this browser: open the link again and enter the same code.',
    openLinkSavedText: 'You can close the page and continue later in this browser: open the link again and enter the same code. Remember to press “Submit” when you are done.',
    requiredIntro: 'Please answer every question unless it is marked as optional.',
    errorSummaryTitle: 'There are problems with your answers',
    errorPrefix: 'Error:',
    titleErrorPrefix: 'Error: ',
    required: 'Required',
    optional: '(optional)',
    dontKnow: 'Don’t know',
    sum: 'Sum',
    sumOf: 'of',
    sumMatches: 'adds up',
    sumMissing: (amount) => `${amount} missing`,
    sumTooMuch: (amount) => `${amount} too many`,
    allocationHint: (total) => `The numbers must add up to ${total}. Enter 0 for anything that does not apply to you.`,
    numberRangeHint: (min, max) => `Enter a number from ${min} to ${max}.`,
    maxLengthHint: (max) => `You can write up to ${max} characters.`,
    onlyAnswerIf: (question, answers) => `Only answer if you answered ${orList(answers.map((answer) => `“${answer}”`), 'or')} to “${question}”.`,
    autosaveSaving: 'Saving …',
    autosaveSaved: 'Saved at {time}',
    autosaveFailed: 'Could not save – your answers are kept in this browser',
    autosaveRestored: 'We have restored your latest answers, which were kept in this browser.',
    submitFailedHeading: 'Your answers have not been sent yet',
    submitFailedText: 'We cannot save answers right now. Your answers are still in the form and kept in this browser – please try sending again in a little while.',
    step: (index, count) => `Part ${index} of ${count}`,
    estimatedTime: (minutes) => `It takes about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} to answer.`,
    sumWithoutScript: 'The sum is worked out again when you press “Save and continue later”.',
    parts: (count, kind) => `${count} ${{ statements: 'statements', rows: 'rows', boxes: 'boxes' }[kind]}`,
  },
  messages: {
    submitted: {
      heading: 'Thank you for your answers',
      text: 'We have received your answers.',
      next: 'You can close the page now.',
      tone: 'success',
    },
    alreadySubmitted: {
      heading: 'You have already answered',
      text: 'We have already received your answers for this round. Answers cannot be changed once they are submitted.',
      next: 'Contact the project lead if you need to correct something.',
      tone: 'info',
    },
    unknownLink: {
      heading: 'This link does not work',
      text: 'We cannot find a questionnaire for this link. It may have been copied incorrectly or may no longer be valid.',
      next: 'Open the link directly from your e-mail, or ask the project lead for a new link.',
      tone: 'warning',
    },
    roundClosed: {
      heading: 'The questionnaire is closed',
      text: 'The deadline for this round has passed, so answers can no longer be given.',
      next: 'Contact the project lead if you think this is a mistake.',
      tone: 'info',
    },
    notYetOpen: {
      heading: 'The questionnaire is not open yet',
      text: 'This round has not started yet.',
      next: 'Use the same link again once the round has opened.',
      tone: 'info',
    },
    tryAgainLater: {
      heading: 'Something went wrong',
      text: 'We cannot show the questionnaire right now. Your answers have not been lost.',
      next: 'Please try again in a little while with the same link.',
      tone: 'error',
    },
    notFound: {
      heading: 'Page not found',
      text: 'We cannot find the page you are looking for.',
      next: 'Check the address, or use the link from your e-mail.',
      tone: 'warning',
    },
    linkInactive: {
      heading: 'This link is no longer active',
      text: 'This personal link has been closed because you no longer take part in the survey. No answers are saved from it.',
      next: 'Contact the project lead if you think this is a mistake.',
      tone: 'info',
    },
    rateLimited: {
      heading: 'Too many attempts right now',
      text: 'We have received many attempts in a short time and are waiting a little before taking more. Your answers have not been lost.',
      next: 'Wait a minute, then try again.',
      tone: 'warning',
    },
  },
};

const texts: Record<Language, UiText> = { da, en };

export function uiText(language: Language): UiText {
  return texts[language];
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language asked for in `?lang=` (Express may hand over a string, an array or nothing),
 * else the fallback — usually the questionnaire's default language.
 */
export function pickLanguage(requested: unknown, fallback: Language): Language {
  const candidates = Array.isArray(requested) ? requested : [requested];
  return candidates.find(isLanguage) ?? fallback;
}

/** Everything `views/message.njk` needs for one of the standard message pages. */
export function messageView(language: Language, kind: MessageKind): { lang: Language; ui: UiText; title: string } & MessageText {
  const ui = uiText(language);
  const message = ui.messages[kind];
  return { lang: language, ui, title: message.heading, ...message };
}
