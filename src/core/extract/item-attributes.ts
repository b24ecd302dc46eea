/**
 * The lines that say who does an item and by when — "- Cơ quan thực hiện: Sở X chủ trì, phối hợp với Y",
 * "- Đơn vị chủ trì: …", "- Đơn vị phối hợp: …", "- Thời gian thực hiện: …", "- Thời gian hoàn thành: …" —
 * belong to the numbered item above them and are never tasks. A lead line after a block of items without their
 * own ("1.1. …", "1.2. …", "- Cơ quan thực hiện: …") applies to the whole block.
 */
import { bodyName } from './agencies';

export interface ItemAttributes {
  lead?: string;
  partners?: string;
  due?: string;
}

const AGENCY_LINE =
  /^(?:Cơ quan|Đơn vị)\s+((?:thực hiện|chủ trì|phối hợp)(?:\s*(?:,|và|\/)\s*(?:thực hiện|chủ trì|phối hợp))*)\s*:\s*(.*)$/iu;
const TIME_LINE = /^Thời\s+(?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành|hoàn tất|triển khai))?\s*:\s*(.*)$/iu;
/** Verbs that end the name of the body in "Sở X đôn đốc, hướng dẫn …". */
const AFTER_NAME =
  /\s+(?:phối hợp|đôn đốc|hướng dẫn|tham mưu|theo dõi|thực hiện|triển khai|tổ chức|chỉ đạo|làm đầu mối)(?=[\s,;]|$)/u;

const clean = (v: string) => v.replace(/[\s.;,]+$/u, '').trim();

/** "Sở X chủ trì, phối hợp với Y" → lead X, partners Y; "Các sở, ban, ngành; UBND các huyện" → lead as written. */
export function readExecutors(value: string): ItemAttributes {
  const v = clean(value);
  const lead = /^(.+?)\s+chủ trì(?=[\s,;.]|$)[\s,;]*(?:(?:và\s+)?phối hợp(?:\s+với)?\s+(.+))?$/iu.exec(v);
  if (lead) return { lead: clean(lead[1]), partners: clean(lead[2] ?? '') };
  const verb = AFTER_NAME.exec(v);
  if (verb && bodyName(v.slice(0, verb.index))) {
    const rest = v.slice(verb.index).trim();
    const partners = /^phối hợp(?:\s+với)?\s+(.+)$/iu.exec(rest);
    return { lead: clean(v.slice(0, verb.index)), partners: partners ? clean(partners[1]) : '' };
  }
  return { lead: v, partners: '' };
}

/** The attributes a line gives its item, or null when it is not such a line; "Đơn vị chủ trì: X; Đơn vị phối hợp: Y"
 * gives both. */
export function attributeLine(text: string): ItemAttributes | null {
  const parts = text
    .replace(/^[-–*+•]\s*/u, '')
    .split(/;\s*(?=(?:Cơ quan|Đơn vị)\s+(?:thực hiện|chủ trì|phối hợp)|Thời\s+(?:gian|hạn)\b)/u)
    .map(onePart);
  if (parts.some((p) => p === null)) return null;
  const out: ItemAttributes = {};
  for (const p of parts) mergeAttributes(out, p!);
  return out;
}

function onePart(t: string): ItemAttributes | null {
  const time = TIME_LINE.exec(t);
  if (time) return { due: clean(time[1]) };
  const agency = AGENCY_LINE.exec(t);
  if (!agency) return null;
  const roles = agency[1].toLowerCase();
  const value = agency[2];
  if (/chủ trì/u.test(roles) && !/phối hợp|thực hiện/u.test(roles)) return { lead: clean(value) };
  if (/phối hợp/u.test(roles) && !/chủ trì|thực hiện/u.test(roles)) return { partners: clean(value) };
  return readExecutors(value);
}

/** The first attributes win; a later line only fills what is still empty. */
export function mergeAttributes(into: ItemAttributes, from: ItemAttributes): void {
  for (const k of ['lead', 'partners', 'due'] as const) if (!into[k] && from[k]) into[k] = from[k];
}

export const hasAttributes = (a: ItemAttributes): boolean => Boolean(a.lead || a.partners || a.due);
