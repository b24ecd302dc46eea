/**
 * Which agency sent a submission: the code the template's hidden sheet carries, the code or the name written in
 * the header block, or the file name; and what to do when these disagree.
 */
import { type SheetGrid } from '../basics/grid';
import { type Agency, type Finding, type Plan, type RecognisedBy, finding } from '../basics/model';
import { compactKey, foldKey, normaliseCode } from '../basics/text';
import { EMAIL_PART_SEPARATOR } from './email-origin';

/**
 * The keys of a plan's agencies, folded once per plan rather than once per file and lookup (with
 * thousands of agencies, folding every agency for every file made reading quadratic). Rebuilt if the list changes.
 */
interface AgencyKeys {
  agencies: Agency[];
  count: number;
  byCode: Map<string, Agency>;
  byName: Map<string, Agency>;
  /** Longest codes first, so that "ST-SYT2" is not taken for "ST-SYT". */
  longestCodes: { agency: Agency; compact: string; folded: string }[];
  longestNames: { agency: Agency; compact: string }[];
}
const agencyKeysCache = new WeakMap<Plan, AgencyKeys>();

function agencyKeys(plan: Plan): AgencyKeys {
  const cached = agencyKeysCache.get(plan);
  if (cached && cached.agencies === plan.agencies && cached.count === plan.agencies.length) return cached;
  const keys: AgencyKeys = {
    agencies: plan.agencies,
    count: plan.agencies.length,
    byCode: new Map(),
    byName: new Map(),
    longestCodes: [],
    longestNames: [],
  };
  for (const a of plan.agencies) {
    const code = normaliseCode(a.code);
    if (code && !keys.byCode.has(code)) keys.byCode.set(code, a);
    const name = compactKey(a.name);
    if (name && !keys.byName.has(name)) keys.byName.set(name, a);
  }
  keys.longestCodes = [...plan.agencies]
    .sort((a, b) => b.code.length - a.code.length)
    .map((a) => ({ agency: a, compact: compactKey(a.code), folded: foldKey(a.code) }));
  keys.longestNames = [...plan.agencies]
    .sort((a, b) => b.name.length - a.name.length)
    .map((a) => ({ agency: a, compact: compactKey(a.name) }));
  agencyKeysCache.set(plan, keys);
  return keys;
}

export function agencyByFileName(plan: Plan, fileName: string): Agency | null {
  // an e-mail's attachment (`thu.eml › LS-SYT.xlsx`): its own name first, then the e-mail's
  const parts = fileName.split(EMAIL_PART_SEPARATOR);
  for (let i = parts.length - 1; i >= 0; i--) {
    const found = agencyByOneName(plan, parts[i]);
    if (found) return found;
  }
  return null;
}

function agencyByOneName(plan: Plan, fileName: string): Agency | null {
  const stem = fileName.replace(/\.[^.]+$/, '');
  const codeKey = compactKey(stem);
  const { longestCodes, longestNames } = agencyKeys(plan);
  for (const a of longestCodes) if (codeKey === a.compact) return a.agency;
  const tokens = ` ${foldKey(stem)} `;
  for (const a of longestCodes) if (tokens.includes(` ${a.folded} `)) return a.agency;
  for (const a of longestNames) if (codeKey.includes(a.compact)) return a.agency;
  return null;
}

export function agencyByName(plan: Plan, name: string): Agency | null {
  const k = compactKey(name);
  if (!k) return null;
  return agencyKeys(plan).byName.get(k) ?? null;
}

export function agencyByCode(plan: Plan, code: string): Agency | null {
  const k = normaliseCode(code);
  if (!k) return null;
  return agencyKeys(plan).byCode.get(k) ?? null;
}

/** Does the text ("1350/STNMT-MT", "Kế hoạch số 1350/STNMT-MT ngày …") name this plan? */
export function namesPlan(plan: Plan, text: string): boolean {
  const want = compactKey(plan.number);
  const got = compactKey(text);
  return want !== '' && got.includes(want);
}

/** The agency a file claims, in order of trust: hidden sheet, code cell, name cell, file name. */
export interface Claim {
  agency: Agency | null;
  by: RecognisedBy | null;
  /** Every code or name written in the file, for the message when none is in the plan. */
  claimed: string[];
}

/** The header block as read: the text of each label's value and its cell. */
export interface HeaderBlock {
  sheet: SheetGrid;
  text(key: 'agencyName' | 'agencyCode'): string;
  cell(key: 'agencyName' | 'agencyCode'): string;
}

export function claimAgency(plan: Plan, hiddenCode: string | undefined, header: HeaderBlock, file: string): Claim {
  let agency: Agency | null = null;
  let by: RecognisedBy | null = null;
  const claimed: string[] = [];
  if (hiddenCode) {
    claimed.push(hiddenCode);
    agency = agencyByCode(plan, hiddenCode);
    if (agency) by = 'hidden';
  }
  const codeText = header.text('agencyCode');
  const nameText = header.text('agencyName');
  if (!agency && codeText) {
    claimed.push(codeText);
    agency = agencyByCode(plan, codeText);
    if (agency) by = 'code';
  }
  if (!agency && nameText) {
    claimed.push(nameText);
    agency = agencyByName(plan, nameText);
    if (agency) by = 'name';
  }
  if (!agency) {
    agency = agencyByFileName(plan, file);
    if (agency) by = 'filename';
  }
  return { agency, by, claimed };
}

/**
 * Checks a claim against the other cells: a template filled in by another agency is counted for the writer (with a
 * warning); two agencies claiming one code is a conflict (the file is refused). Warnings go to `findings`.
 */
export function settleClaim(
  plan: Plan,
  claim: Claim,
  header: HeaderBlock,
  findings: Finding[],
  file: string,
): Claim | { conflict: string; agency: Agency; by: RecognisedBy | null } {
  let { agency, by } = claim;
  const codeText = header.text('agencyCode');
  const nameText = header.text('agencyName');
  const headerSheet = header.sheet;
  if (
    agency &&
    by === 'hidden' &&
    codeText &&
    agencyByCode(plan, codeText) &&
    agencyByCode(plan, codeText) !== agency
  ) {
    findings.push(
      finding(
        'warning',
        'agency.code_mismatch',
        `Ô "Mã đơn vị" ghi ${codeText} nhưng mẫu được phát cho ${agency.code}; tính cho ${agency.code}.`,
        {
          file,
          sheet: headerSheet.name,
          cell: header.cell('agencyCode'),
        },
      ),
    );
  }
  // ---- two agencies claiming one code: the name written in the file is another agency of the plan
  const named = nameText ? agencyByName(plan, nameText) : null;
  if (agency && named && named !== agency && by !== 'name') {
    const coded = codeText ? agencyByCode(plan, codeText) : null;
    if (by === 'hidden' && coded === named) {
      // the template of one agency filled in by another, which wrote its own code and name: counted for the writer
      findings.push(
        finding(
          'warning',
          'agency.template_reused',
          `Mẫu được phát cho ${agency.code} (${agency.name}) nhưng ô "Mã đơn vị" và "Cơ quan báo cáo" ghi ${named.code} (${named.name}); tính cho ${named.code}.`,
          {
            file,
            sheet: headerSheet.name,
            cell: header.cell('agencyName'),
          },
        ),
      );
      agency = named;
      by = 'code';
    } else {
      return {
        agency,
        by,
        conflict: `Tệp mang mã đơn vị ${agency.code} (${agency.name}) nhưng ghi tên đơn vị "${nameText}" (${named.code}): hai đơn vị cùng nhận một mã, không biết tính cho đơn vị nào; đề nghị đơn vị gửi lại đúng mẫu của mình.`,
      };
    }
  }
  return { ...claim, agency, by };
}
