import type { Round } from '../db/entities/index.js';
import { toCopenhagenInput } from './copenhagenInput.js';
import { inviteFilterOf, reminderDaysOf } from './roundService.js';

export interface RoundFormValues {
  label: string;
  questionnaireId: string;
  opensAt: string;
  closesAt: string;
  reminderDays: string;
  recurrenceCron: string;
  municipality: string[];
  group: string[];
  openLink: boolean;
  periodLabelDa: string;
  periodLabelEn: string;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : []);

/** Posted form fields (urlencoded, so repeated checkboxes may come as arrays) → form values. */
export function roundFormValues(body: Record<string, unknown> | undefined): RoundFormValues {
  const text = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');
  return {
    label: text('label'), questionnaireId: text('questionnaireId'), opensAt: text('opensAt'), closesAt: text('closesAt'),
    reminderDays: text('reminderDays'), recurrenceCron: text('recurrenceCron'), municipality: list(body?.municipality), group: list(body?.group), openLink: body?.openLink === 'on',
    periodLabelDa: text('periodLabelDa'), periodLabelEn: text('periodLabelEn'),
  };
}

/** Form values → the API's input, so the same schema and service check both. */
export function roundInputFromForm(values: RoundFormValues, locked: boolean): Record<string, unknown> {
  const reminderDays = values.reminderDays.split(/[,;\s]+/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const inviteFilter = { ...(values.municipality.length ? { municipality: values.municipality } : {}), ...(values.group.length ? { group: values.group } : {}) };
  const da = values.periodLabelDa.trim();
  const en = values.periodLabelEn.trim();
  const periodLabel = da || en ? { ...(da ? { da } : {}), ...(en ? { en } : {}) } : null;
  if (locked) return { closesAt: values.closesAt, reminderDays, openLink: values.openLink, periodLabel };
  return {
    label: values.label.trim(), questionnaireId: values.questionnaireId, opensAt: values.opensAt, closesAt: values.closesAt,
    reminderDays, recurrenceCron: values.recurrenceCron.trim() || null, inviteFilter, openLink: values.openLink, periodLabel,
  };
}

export function formValuesOfRound(round: Round, questionnaireId: string): RoundFormValues {
  const filter = inviteFilterOf(round);
  return {
    label: round.label, questionnaireId, opensAt: toCopenhagenInput(round.opensAt), closesAt: toCopenhagenInput(round.closesAt),
    reminderDays: reminderDaysOf(round).join(', '), recurrenceCron: round.recurrenceCron ?? '', municipality: filter.municipality ?? [], group: filter.group ?? [], openLink: Boolean(round.openLinkNonce),
    periodLabelDa: round.periodLabelDa ?? '', periodLabelEn: round.periodLabelEn ?? '',
  };
}
