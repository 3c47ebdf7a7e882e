import { DateTime } from 'luxon';

const ZONE = 'Europe/Copenhagen';

/**
 * A time as people in the job centres enter it: "2026-03-02T09:00" is Danish local time (summer
 * or winter time as it falls). A value with an offset or Z is taken as it says. Returns null for
 * something that is not a time, or a local time that does not exist (skipped at the spring DST change).
 */
export function parseCopenhagenTime(text: string): Date | null {
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(text);
  const parsed = hasOffset ? DateTime.fromISO(text, { setZone: true }) : DateTime.fromISO(text, { zone: ZONE });
  if (!parsed.isValid) return null;
  // Luxon moves a non-existent local time forward; refuse it instead of silently shifting it.
  if (!hasOffset && parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== text.slice(0, 16)) return null;
  return parsed.toJSDate();
}

/** For <input type="datetime-local">: the Danish local time, minutes precision. */
export function toCopenhagenInput(date: Date | null): string {
  return date ? DateTime.fromJSDate(date, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

export function addDays(date: Date, days: number): Date {
  // Calendar days in Danish time: a reminder "3 days after" opening at 09:00 is sent at 09:00 local.
  return DateTime.fromJSDate(date, { zone: ZONE }).plus({ days }).toJSDate();
}
