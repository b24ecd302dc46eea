/**
 * Agency names in plan documents: what kind of body a name is, whether it is a group phrase
 * ("UBND các huyện, thị xã, thành phố"), short codes, and expanding groups with the clerk's agency list.
 */
import type { Agency, AgencyKind } from '../basics/model';
import { foldKey } from '../basics/text';
import type { DraftAgency, DraftSource } from './types';

/** Folded starts of a name that designates a body (or a group of bodies), after "Đề nghị"/"Giao" is removed. */
const BODY_STARTS = [
  'so ',
  'ban ',
  'ubnd',
  'uy ban',
  'ubmttq',
  'mat tran',
  'phong ',
  'van phong',
  'chi doan',
  'doan ',
  'tinh doan',
  'hoi ',
  'cong an',
  'dai ',
  'bao ',
  'trung tam',
  'chi cuc',
  'cuc ',
  'vuon quoc gia',
  'lien doan',
  'bch ',
  'bo chi huy',
  'truong ',
  'thanh tra',
  'kho bac',
  'khu bao ton',
  'cong doan',
  'hdnd',
  'hoi dong nhan dan',
  'toa an',
  'vien kiem sat',
  'benh vien',
  'chi nhanh',
  'ngan hang',
  'buu dien',
  'cong ty',
  'bo tai nguyen',
  'bo nong nghiep',
  'bo tu phap',
  'bo lao dong',
  'bo cong ',
  'bo khoa hoc',
  'bo xay dung',
  'bo y te',
  'bo noi vu',
  'bo tai chinh',
  'bo ke hoach',
  'bo giao duc',
  'bo giao thong',
  'bo van hoa',
  'bo thong tin',
  'bo quoc phong',
  'bo ngoai giao',
  'vu ',
  'thu truong cac',
  'chu tich ubnd',
  'chu tich uy ban',
  'giam doc so',
  'giam doc cac so',
  'thue tinh',
  'thue thanh pho',
  'thue co so',
  'tong cuc',
  'vien ',
  'bo doi',
  'bao hiem xa hoi',
  'lien minh',
  'hoi dong',
  'dang uy',
  'tinh uy',
  'huyen uy',
];
/** Words that start like a body but are not one: "Ban hành", "Hội nghị", "Đại hội", "Trường hợp". */
const NOT_BODY =
  /^(vu viec|vu an|ban hanh|hoi nghi|hoi thao|hoi thi|hoi giang|dai hoi|dai dien|truong hop|so lieu|so luong|bao cao|bao dam|bao ve|bao ton|doan ket|cuc bo|phong chong|phong ngua|phong trao|phong chay|phong tranh|phong benh|phong dich)( |$)/;
/** "các …" names a group of bodies only with one of these nouns: "các sở", "các huyện" (not "các hoạt động"). */
const GROUP_NOUNS =
  /^cac (so|ban|nganh|huyen|xa|phuong|thi xa|thanh pho|co quan|don vi|phong|to chuc|hoi|doan the|dia phuong|truong|trung tam|chi cuc|ubnd|uy ban|vuon|khu|cap|lien doan|bo|doanh nghiep|ho|tap the)( |$)/;

const LEAD_PREFIX = /^(?:đề nghị|giao(?: cho)?|trách nhiệm của|phân công)\s+/iu;

export function capitaliseFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** "Giao phòng Quản lý Môi trường" → "Phòng Quản lý Môi trường"; null when the text does not name a body. */
export function bodyName(text: string): string | null {
  const stripped = text
    .replace(LEAD_PREFIX, '')
    .replace(/[:;,.\s]+$/u, '')
    .trim();
  const k = foldKey(stripped) + ' ';
  if (stripped.length < 3 || stripped.length > 260) return null;
  if (NOT_BODY.test(k)) return null;
  if (k.startsWith('cac ') ? !GROUP_NOUNS.test(k) : !BODY_STARTS.some((s) => k.startsWith(s))) return null;
  return capitaliseFirst(stripped);
}

export function isGroupName(name: string): boolean {
  const k = foldKey(name);
  return (
    GROUP_NOUNS.test(k) ||
    /^(ubnd|uy ban nhan dan) (cac|cap) /.test(k) ||
    (/(^| )cac (so|huyen|xa|phuong|to chuc|hoi|doan the|co quan|don vi|phong|ban|nganh|dia phuong)( |$)/.test(k) &&
      !/^ban quan ly cac /.test(k))
  );
}

export function agencyKind(name: string): { kind: AgencyKind; sure: boolean } {
  const k = foldKey(name);
  if (/^(uy ban mat tran|ubmttq|uy ban mttq|mat tran|uy ban mt)/.test(k)) return { kind: 'organisation', sure: true };
  if (/^(ubnd|uy ban nhan dan)( |$)/.test(k)) return { kind: 'locality', sure: true };
  if (/^(cac )?(huyen|thi xa|thanh pho|xa|phuong|thi tran|dac khu)( |$)/.test(k))
    return { kind: 'locality', sure: true };
  if (
    /^(cac )?(hoi|lien doan|doan thanh nien|tinh doan|doan the|to chuc chinh tri|to chuc|cong doan|chi doan|hoi dong|lien minh)( |$)/.test(
      k,
    )
  ) {
    return { kind: 'organisation', sure: true };
  }
  if (
    /^(cac )?(so|ban|nganh|cong an|dai|bo chi huy|bo doi|van phong|phong|trung tam|chi cuc|cuc|kho bac|thanh tra|thue|bao|bao hiem xa hoi|vuon quoc gia|truong|benh vien|co quan|ngan hang|chi nhanh|khu bao ton)( |$)/.test(
      k,
    )
  ) {
    return { kind: 'department', sure: true };
  }
  return { kind: 'department', sure: false };
}

/** "UBND huyện Kế Sách" → "Huyện Kế Sách" (the area of a locality). */
export function areaOf(name: string): string {
  const m = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(.+)$/iu.exec(name);
  return capitaliseFirst(m ? m[1] : name);
}

/**
 * Splits a list of addressees as written: "A; các B; các C và các D" → A, các B, các C, các D.
 * Commas are kept ("Sở Văn hóa, Thể thao và Du lịch", "UBND các huyện, thị xã, thành phố").
 */
export function splitAddressees(text: string): string[] {
  return text
    .split(' | ')[0]
    .split(/\s*;\s*/u)
    .flatMap((part) => part.split(/\s+và\s+(?=các\s)/iu))
    .map((s) =>
      s
        .replace(/^[-+•–*]\s*/u, '')
        .replace(/^\d+[.)]\s*/u, '')
        .replace(/[\s;,.:]+$/u, '')
        .trim(),
    )
    .filter((s) => s !== '')
    .map(capitaliseFirst);
}

const STOP_WORDS = new Set(['va', 'cac', 'cua', 'tinh', 'thanh', 'pho']);

/** Initials of a name: "Sở Giáo dục và Đào tạo" → "SGDDT". */
export function initials(name: string): string {
  const parts = name.split(/[\s,;.–/()-]+/u).filter((w) => w !== '');
  const abbrev = parts
    .filter((w) => !STOP_WORDS.has(foldKey(w)))
    .map((w) => (/^\d+$/.test(w) || /^[\p{Lu}]{2,}$/u.test(w) ? foldKey(w) : foldKey(w).charAt(0)))
    .join('')
    .replace(/ /g, '')
    .toUpperCase();
  return abbrev.slice(0, 10) || 'DV';
}

/** Unique codes for the agencies: place initials + name initials ("ST-SYT"), numbered when they clash. */
export function assignCodes(agencies: DraftAgency[], place: string | null): void {
  const prefix = place
    ? foldKey(place)
        .split(' ')
        .filter(Boolean)
        .map((w) => w[0])
        .join('')
        .toUpperCase() + '-'
    : '';
  const used = new Set<string>();
  let groupNo = 0;
  for (const a of agencies) {
    if (a.code !== '') {
      used.add(a.code);
      continue;
    }
  }
  for (const a of agencies) {
    if (a.code !== '') continue;
    const base = a.group ? `${prefix}NHOM${++groupNo}` : prefix + initials(a.name);
    let code = base;
    for (let i = 2; used.has(code); i++) code = `${base}${i}`;
    used.add(code);
    a.code = code;
  }
}

export function draftAgency(name: string, from: DraftAgency['from'], source: DraftSource): DraftAgency {
  const group = isGroupName(name);
  const { kind, sure } = agencyKind(name);
  const reasons: string[] = [];
  if (group) reasons.push('Nhóm đơn vị: thay bằng danh sách đơn vị cụ thể (hoặc chạy lại với --agencies)');
  if (!sure) reasons.push('Chưa rõ loại đơn vị');
  if (from === 'organisation') reasons.push('Suy ra từ phần tổ chức thực hiện');
  if (from === 'noi-nhan') reasons.push('Lấy từ "Nơi nhận" vì văn bản không có danh sách đơn vị báo cáo');
  return {
    code: '',
    name,
    kind,
    area: kind === 'locality' ? (group ? name : areaOf(name)) : '',
    group,
    from,
    expandedFrom: '',
    source,
    needsReview: reasons.length > 0,
    reason: reasons.join('; '),
  };
}

// ---------------------------------------------------------------------------------------------
// Expanding groups with the clerk's list

const LOCALITY_WORDS: [RegExp, RegExp][] = [
  [/( |^)(huyen|thi xa|thanh pho)( |$)/, /^(ubnd|uy ban nhan dan) (huyen|thi xa|thanh pho) /],
  [/( |^)(xa|phuong|thi tran|dac khu)( |$)/, /^(ubnd|uy ban nhan dan) (xa|phuong|thi tran|dac khu) /],
];

/** The agencies of the clerk's list that a group phrase stands for (empty when the phrase is not understood). */
export function groupMembers(groupName: string, list: Agency[]): Agency[] {
  // "Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các huyện": the group is what follows the title
  let k = foldKey(groupName);
  const ubnd = /(^| )((ubnd|uy ban nhan dan) (cac|cap) .*)$/.exec(k);
  if (ubnd) k = ubnd[2];
  else if (/ cac /.test(` ${k} `) && !/^cac /.test(k)) k = k.slice(k.indexOf('cac '));
  if (/^(ubnd|uy ban nhan dan) /.test(k)) {
    const wanted = LOCALITY_WORDS.filter(([words]) => words.test(k.replace(/^(ubnd|uy ban nhan dan) cac /, ' ')));
    if (wanted.length === 0) return list.filter((a) => a.kind === 'locality');
    return list.filter(
      (a) =>
        a.kind === 'locality' &&
        wanted.some(([, name]) => name.test(foldKey(a.name) + ' ') || name.test('ubnd ' + foldKey(a.area) + ' ')),
    );
  }
  const head = k.replace(/^cac /, '');
  if (/^(so|ban nganh|so ban nganh|so nganh|nganh)( |$)/.test(head)) return list.filter((a) => a.kind === 'department');
  if (/^(to chuc|hoi|doan the|to chuc chinh tri)( |$)/.test(head))
    return list.filter(
      (a) => a.kind === 'organisation' && !/^(uy ban mat tran|ubmttq|uy ban mttq)/.test(foldKey(a.name)),
    );
  if (/^(huyen|thi xa|thanh pho|xa|phuong)( |$)/.test(head)) return groupMembers('UBND các ' + head, list);
  // "các Ban Quản lý rừng phòng hộ trực thuộc …": the agencies whose name starts with the head words
  const words = head.split(' ').slice(0, 5).join(' ');
  if (words.split(' ').length < 2) return [];
  return list.filter((a) => (foldKey(a.name) + ' ').startsWith(words.split(' ').slice(0, 4).join(' ') + ' '));
}

/**
 * With the clerk's list: named agencies take the list's code and kind; groups are replaced by their members.
 * A group whose members cannot be found stays, still marked for review.
 */
/**
 * A looser key for matching a name in the document with the clerk's list: abbreviations spelt out,
 * "Việt Nam" and a trailing "tỉnh" / "tỉnh <place>" / "<place>" dropped ("UBMTTQ tỉnh" = "Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh").
 */
export function looseKey(name: string, place = ''): string {
  let k = ` ${foldKey(name)} `
    .replace(/ ubmttq /g, ' uy ban mttq ')
    .replace(/ uy ban mat tran to quoc /g, ' uy ban mttq ')
    .replace(/ ubnd /g, ' uy ban nhan dan ')
    .replace(/ viet nam /g, ' ')
    .trim();
  const p = foldKey(place);
  if (p) k = k.replace(new RegExp(`( tinh)?( ${p})$`), '');
  return k.replace(/ tinh$/, '');
}

export function expandAgencies(found: DraftAgency[], list: Agency[], place = ''): DraftAgency[] {
  const byKey = new Map(list.map((a) => [foldKey(a.name), a] as const));
  const byLoose = new Map<string, Agency | null>();
  for (const a of list) {
    const k = looseKey(a.name, place);
    byLoose.set(k, byLoose.has(k) ? null : a);
  }
  const out: DraftAgency[] = [];
  const have = new Set<string>();
  const push = (a: DraftAgency) => {
    const key = foldKey(a.name);
    if (have.has(key)) return;
    have.add(key);
    out.push(a);
  };
  for (const a of found) {
    if (!a.group) {
      const known = byKey.get(foldKey(a.name)) ?? byLoose.get(looseKey(a.name, place)) ?? undefined;
      if (known)
        push({
          ...a,
          code: known.code,
          name: known.name,
          kind: known.kind,
          area: known.area,
          from: a.from,
          needsReview: false,
          reason: '',
        });
      else
        push({
          ...a,
          needsReview: true,
          reason: [a.reason, 'Không có trong danh sách đơn vị đã cho'].filter(Boolean).join('; '),
        });
      continue;
    }
    const members = groupMembers(a.name, list);
    if (members.length === 0) {
      push({ ...a, reason: `${a.reason}; không tìm thấy đơn vị nào của nhóm trong danh sách đã cho` });
      continue;
    }
    for (const m of members) {
      push({
        code: m.code,
        name: m.name,
        kind: m.kind,
        area: m.area,
        group: false,
        from: 'list',
        expandedFrom: a.name,
        source: a.source,
        needsReview: false,
        reason: '',
      });
    }
  }
  return out;
}
