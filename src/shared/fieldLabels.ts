/**
 * The Danish label of each admin form field, for error summaries: "Navn: Skal udfyldes." tells
 * the reader which field a message is about before they follow the link to it.
 */
const labels: Record<string, string> = {
  name: 'Navn', email: 'E-mail', role: 'Rolle', municipality: 'Kommune', team: 'Team / afdeling', groupName: 'Gruppe',
  externalId: 'Eksternt id', language: 'Sprog', defaultLanguage: 'Sprog', anonymityK: 'Anonymitetsgrænse', groups: 'Grupper',
  units: 'Organisationsenheder', leadEmails: 'Projektledere', reportableAttributes: 'Hvad projektledere må se',
  label: 'Navn på runden', questionnaireId: 'Spørgeskema', opensAt: 'Åbner', closesAt: 'Lukker', reminderDays: 'Påmindelser',
  recurrenceCron: 'Gentag', inviteFilter: 'Hvem inviteres', openLink: 'Åbent link', periodLabel: 'Periode i spørgsmålene',
  currentPassword: 'Nuværende adgangskode', password: 'Ny adgangskode', passwordRepeat: 'Gentag den nye adgangskode',
  expiresInDays: 'Udløber',
};

/** The label of a field; a field without one keeps its message alone (no English name shown). */
export function fieldLabel(field: string): string {
  return labels[field] ?? 'Feltet';
}
