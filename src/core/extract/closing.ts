/**
 * What follows the body: the appendices (a list of agencies, or a numbered table of tasks), the signer (the
 * capitalised lines after `Nơi nhận`, then the name), and the agencies that report, from the first source
 * found: an appendix list, `Kính gửi`, the bodies the organisation part names, the leads of a task table, or
 * `Nơi nhận` without the recipients for information.
 */
import { foldKey } from '../basics/text';
import { assignCodes, bodyName, draftAgency, splitAddressees } from './agencies';
import { sourceOf } from './deadlines';
import { field, findIndex, missing } from './header';
import { isCaps, type Item, parseMarker } from './items';
import type { Paragraph } from './paragraphs';
import { sentenceLead, splitLead } from './tasks';
import type { DraftAgency, DraftField, DraftTask } from './types';

export interface Appendix {
  heading: string;
  items: Paragraph[];
  content: Paragraph[];
  names: { p: Paragraph; name: string }[];
  agencyList: boolean;
}

/** A group row of a task table ("I. Nâng cao nhận thức …" over the whole width) and a task row ("3. … | Chủ trì: X"). */
const GROUP_ROW = /^([IVX]{1,4}|[A-H])\. (?!.* \| )/u;
const TASK_ROW = /^\d{1,3}\. .+ \| (?:Chủ trì|Phối hợp|Thời gian): /u;

/**
 * Task tables outside the body and the appendices — before the header, between the signature and an attached
 * plan, after everything: any table whose header names a task column and an agency column is a task table,
 * wherever it stands. Each run of task rows (with its group rows) is read like an appendix table.
 */
export function strayTaskTables(paras: Paragraph[], covered: (i: number) => boolean): Appendix[] {
  const out: Appendix[] = [];
  for (let i = 0; i < paras.length; i++) {
    if (covered(i) || !TASK_ROW.test(paras[i].text)) continue;
    let start = i;
    while (start > 0 && !covered(start - 1) && GROUP_ROW.test(paras[start - 1].text)) start--;
    let end = i;
    while (
      end + 1 < paras.length &&
      !covered(end + 1) &&
      (TASK_ROW.test(paras[end + 1].text) || GROUP_ROW.test(paras[end + 1].text))
    )
      end++;
    const content = paras.slice(start, end + 1);
    let h = start - 1;
    while (h >= 0 && h >= start - 4 && !isCaps(paras[h].text)) h--;
    const heading = h >= 0 && h >= start - 4 && !covered(h) ? paras[h].text : '';
    out.push({ heading, items: content.filter((p) => TASK_ROW.test(p.text)), content, names: [], agencyList: false });
    i = end;
  }
  return out;
}

export const isAppendixHeading = (p: Paragraph): boolean =>
  /^phu luc( |$)/.test(foldKey(p.text)) && p.text.length < 200 && !/[.;]$/.test(p.text);

/** A heading in capitals, however long ("DANH MỤC CÁC NHIỆM VỤ TRIỂN KHAI CHƯƠNG TRÌNH …"). */
const isCapsHeading = (t: string): boolean => /\p{L}/u.test(t) && t === t.toLocaleUpperCase('vi') && t.length <= 400;

function readAppendix(paras: Paragraph[], start: number, end: number): Appendix {
  const headingLines = [paras[start]];
  for (let i = start + 1; i < end && isCapsHeading(paras[i].text) && !parseMarker(paras[i].text); i++)
    headingLines.push(paras[i]);
  const items: Paragraph[] = [];
  const content: Paragraph[] = [];
  for (let i = start + headingLines.length; i < end; i++) {
    const t = paras[i].text;
    if (parseMarker(t)) items.push(paras[i]);
    else if (items.length > 0 && !/^[a-zđ]/u.test(t) && !/^([IVX]{1,4}|[A-H])\. /u.test(t)) break;
    else if (items.length === 0 && !isCaps(t) && t.length > 120 && !GROUP_ROW.test(t)) break;
    content.push(paras[i]);
  }
  const names = items.map((p) => ({ p, name: splitAddressees(p.text)[0] ?? '' })).filter((x) => x.name !== '');
  const bodies = names.filter((x) => bodyName(x.name) !== null);
  const agencyList = names.length > 0 && bodies.length * 2 >= names.length && !items.some((p) => / \| /.test(p.text));
  return { heading: headingLines.map((p) => p.text).join(' '), items, content, names, agencyList };
}

export function readAppendices(paras: Paragraph[], appendixIdx: number): Appendix[] {
  if (appendixIdx < 0) return [];
  const starts: number[] = [];
  for (let i = appendixIdx; i < paras.length; i++) if (isAppendixHeading(paras[i])) starts.push(i);
  return starts.map((start, k) => readAppendix(paras, start, starts[k + 1] ?? paras.length));
}

/** The signer: capitalised title lines after `Nơi nhận`, then the name. */
export function readSigner(paras: Paragraph[], closingIdx: number, appendixIdx: number) {
  const signerTitle = missing<string>('');
  const signerName = missing<string>('');
  if (closingIdx < 0) return { signerTitle, signerName };
  const end = appendixIdx > closingIdx ? appendixIdx : paras.length;
  const t = findIndex(
    paras,
    (p) => isCaps(p.text) && /\p{L}{2}/u.test(p.text) && !/^[-+•–]/u.test(p.text),
    closingIdx + 1,
    end,
  );
  if (t < 0) return { signerTitle, signerName };
  const lines = [paras[t]];
  let i = t + 1;
  while (i < end && isCaps(paras[i].text)) lines.push(paras[i++]);
  const title = field<string | null>(lines.map((l) => l.text).join('\n'), sourceOf(paras[t]));
  if (i < end && /^(\p{Lu}\p{Ll}*\s+){1,5}\p{Lu}\p{Ll}*$/u.test(paras[i].text))
    return { signerTitle: title, signerName: field<string | null>(paras[i].text, sourceOf(paras[i])) };
  return { signerTitle: title, signerName };
}

const FOR_INFORMATION =
  /^(nhu tren|luu|ld|lanh dao|gd|pgd|giam doc|chu tich|pct|ct |can bo|bch|website|cong thong tin|trang thong tin)/;

/** `Nơi nhận` without the recipients for information (b/c, để biết, Lưu, leadership). */
function noiNhanNames(
  paras: Paragraph[],
  closingIdx: number,
  appendixIdx: number,
): { names: string[]; p: Paragraph }[] {
  const out: { names: string[]; p: Paragraph }[] = [];
  for (let i = closingIdx + 1; i < paras.length && i !== appendixIdx; i++) {
    const t = paras[i].text;
    if (!/^[-+•–]/u.test(t)) {
      if (/:$/.test(t)) continue;
      break;
    }
    const k = foldKey(t);
    if (FOR_INFORMATION.test(k.replace(/^cac /, ''))) continue;
    if (/( |^)(b c|de biet|bao cao|de bao cao|de b c|de chi dao|thay b c)( |$)/.test(k)) continue;
    out.push({ names: splitAddressees(t), p: paras[i] });
  }
  return out;
}

export interface AgencySources {
  appendices: Appendix[];
  kinhGui: { name: string; para: Paragraph }[];
  orgRoots: Item[];
  tableTasks: DraftTask[];
  closingIdx: number;
  appendixIdx: number;
  issuerKey: string;
  consolidator: DraftField<string | null>;
  place: string | null;
}

/** The agencies that report, from the first source that names any. */
export function readAgencies(paras: Paragraph[], s: AgencySources): DraftAgency[] {
  let agencies: DraftAgency[] = [];
  const consolidatorKey = s.consolidator.value ? foldKey(s.consolidator.value) : '';
  const add = (names: string[], from: DraftAgency['from'], p: Paragraph) => {
    for (const name of names) {
      const k = foldKey(name);
      if (agencies.some((a) => foldKey(a.name) === k) || (s.issuerKey && k === s.issuerKey)) continue;
      // the body that consolidates does not report to itself (named in the organisation part or Nơi nhận)
      if ((from === 'organisation' || from === 'noi-nhan') && consolidatorKey && k === consolidatorKey) continue;
      agencies.push(draftAgency(name, from, sourceOf(p)));
    }
  };
  const list = s.appendices.find((a) => a.agencyList);
  if (list) for (const x of list.names) add([x.name], 'appendix', x.p);
  if (agencies.length === 0) for (const k of s.kinhGui) add([k.name], 'kinh-gui', k.para);
  if (agencies.length === 0)
    for (const root of s.orgRoots) {
      const lead = splitLead(root.text)?.lead ?? sentenceLead(root.text);
      if (lead && foldKey(lead) !== s.issuerKey) add(splitAddressees(lead), 'organisation', root.para);
    }
  if (agencies.length === 0)
    for (const t of s.tableTasks)
      if (t.lead) add([t.lead], 'organisation', { n: t.source.paragraph, text: t.source.text });
  if (agencies.length === 0 && s.closingIdx >= 0)
    for (const x of noiNhanNames(paras, s.closingIdx, s.appendixIdx)) add(x.names, 'noi-nhan', x.p);
  assignCodes(agencies, s.place);
  agencies = agencies.filter((a) => a.name.length > 1);
  return agencies;
}

const ATTACHED_KIND = /^(ke hoach|chuong trinh|de an|phuong an|quy che|danh muc)( |$)/;

/**
 * A decision that issues a plan ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …") carries the plan after
 * its signature: its title in capitals ("KẾ HOẠCH …", "CHƯƠNG TRÌNH HÀNH ĐỘNG …") and "(Ban hành kèm theo Quyết
 * định số …)". Returns where that title starts and where the plan's own text starts, or null.
 */
export function attachedPlan(paras: Paragraph[], closingIdx: number): { titleIdx: number; bodyStart: number } | null {
  if (closingIdx < 0) return null;
  for (let i = closingIdx + 1; i < paras.length; i++) {
    const t = paras[i].text;
    if (!ATTACHED_KIND.test(foldKey(t)) || t.slice(0, 8) !== t.slice(0, 8).toLocaleUpperCase('vi')) continue;
    for (let j = i; j < Math.min(paras.length, i + 4); j++)
      if (/\((?:ban hành\s+)?kèm theo\b/iu.test(paras[j].text)) return { titleIdx: i, bodyStart: j + 1 };
  }
  return null;
}
