/** Dates in the pane: always shown and typed as dd/mm/yyyy, whatever the browser's locale (ISO is accepted too). */
import { type IsoDate, formatDateVi, parseDateText } from '../core/basics/dates';

export function showDate(iso: IsoDate | null | undefined): string {
  return iso ? formatDateVi(iso) : '';
}

/** The ISO date typed in a date field, or null when it is not a date. */
export function typedDate(text: string): IsoDate | null {
  return text.trim() === '' ? null : parseDateText(text);
}
