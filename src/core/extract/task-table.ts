/**
 * Tables of tasks (`STT | Nội dung / Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
 * Sản phẩm`), with headers over two rows and merged group rows, as Word and PDF files hold them. Each task row
 * becomes one numbered paragraph with named cells — `3. Nội dung | Chủ trì: X | Phối hợp: Y | Thời gian: Z` —
 * and each group row a heading `I. NHÓM NHIỆM VỤ`, which the task reader (tasks.ts) reads like a list.
 */
import { foldKey } from '../basics/text';

export interface TableCell {
  text: string;
  colspan?: number;
  rowspan?: number;
}

type Role = 'stt' | 'content' | 'lead' | 'partners' | 'due';

/** The table as a grid: a merged cell occupies every grid cell it covers (the same object). */
export function tableGrid(rows: TableCell[][]): TableCell[][] {
  const grid: TableCell[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r][c]) c++;
      for (let dr = 0; dr < Math.max(1, cell.rowspan ?? 1); dr++)
        for (let dc = 0; dc < Math.max(1, cell.colspan ?? 1); dc++) (grid[r + dr] ??= [])[c + dc] = cell;
      c += Math.max(1, cell.colspan ?? 1);
    }
  });
  return grid;
}

const ROW_LABEL = /^(\d{1,3}|[IVX]{1,4}|[A-H])\.?$/u;

function roleOf(header: string): Role | null {
  const k = foldKey(header);
  if (/^(stt|tt|so tt|so thu tu)$/.test(k)) return 'stt';
  if (/chu tri/.test(k)) return 'lead';
  if (/phoi hop/.test(k)) return 'partners';
  if (/hoan thanh|thoi han|thoi gian/.test(k) && !/bat dau/.test(k)) return 'due';
  if (/noi dung|nhiem vu|cong viec|hoat dong/.test(k)) return 'content';
  return null;
}

/** Each grid column's role, from the header rows above the first numbered row. */
export function columnRoles(headers: string[][]): Map<Role, number> {
  const roles = new Map<Role, number>();
  const width = Math.max(0, ...headers.map((h) => h.length));
  for (let c = 0; c < width; c++) {
    const text = [...new Set(headers.map((h) => h[c] ?? ''))].join(' ');
    const role = roleOf(text);
    // "Thời gian" over "Bắt đầu | Hoàn thành": the column of the end date wins
    if (role && (!roles.has(role) || (role === 'due' && /hoan thanh/.test(foldKey(text))))) roles.set(role, c);
  }
  return roles;
}

/** A task row or a group row as a paragraph; "" for a row that is neither. */
export function taskRowParagraph(cells: string[], roles: Map<Role, number>): string {
  const at = (role: Role) => (roles.has(role) ? (cells[roles.get(role)!] ?? '').trim() : '');
  const label = (cells[roles.get('stt') ?? 0] ?? '').trim().replace(/\.$/, '');
  const content = at('content');
  if (!ROW_LABEL.test(label) || content === '') return '';
  if (!/^\d/.test(label)) return `${label}. ${content}`;
  const named = [
    ['Chủ trì', at('lead')],
    ['Phối hợp', at('partners')],
    ['Thời gian', at('due')],
  ].filter(([, v]) => v !== '');
  return [`${label}. ${content}`, ...named.map(([k, v]) => `${k}: ${v}`)].join(' | ');
}

/** The paragraphs of a task table, or null when the table is not one (no content or lead column). */
export function taskTableParagraphs(rows: TableCell[][]): string[] | null {
  const grid = tableGrid(rows);
  const first = grid.findIndex((row) => ROW_LABEL.test((row[0]?.text ?? '').trim()));
  if (first <= 0) return null;
  const headers = grid.slice(0, first).map((row) => row.map((c) => c?.text ?? ''));
  const roles = columnRoles(headers);
  if (!roles.has('content') || !roles.has('lead')) return null;
  const out: string[] = [];
  for (const row of grid.slice(first)) {
    // a merged group row: the same cell fills the content column and those after it
    const cells = row.map((c, i) => (i > 0 && c === row[i - 1] ? '' : (c?.text ?? '')));
    if (row.length > 2 && row[roles.get('content')!] && row[roles.get('content')!] === row[row.length - 1])
      cells[roles.get('content')!] = row[roles.get('content')!].text;
    const p = taskRowParagraph(cells, roles);
    if (p) out.push(p);
  }
  return out;
}
