/**
 * A table of tasks on a PDF page with a text layer (see task-table.ts for the columns): found by its header
 * (`STT`/`TT` and a `chủ trì` column on the same band), its rows start where the first column holds a number
 * (or a group's I, II, A, B), its columns start where the cells' text starts (cells are left-aligned); a cell's lines
 * belong to the row whose number is nearest (cells are centred on their row, or start at its top). Each row
 * becomes one paragraph, so that a cell's text wrapped over several lines stays in its cell.
 * Limit: one table per page, rows that do not continue on the next page.
 */
import { foldKey } from '../basics/text';
import { columnRoles, taskRowParagraph } from './task-table';

export type Run = { x: number; y: number; size: number; w: number; str: string };

const ROW_LABEL = /^(\d{1,3}|[IVX]{1,4}|[A-H])\.?$/u;

/** Left edges of the cells: x positions where several runs start (within 2 points). */
function columnStarts(runs: Run[]): number[] {
  const xs = runs.map((r) => r.x).sort((a, b) => a - b);
  const starts: { x: number; n: number }[] = [];
  for (const x of xs) {
    const last = starts[starts.length - 1];
    if (last && x - last.x < 2.5) last.n++;
    else starts.push({ x, n: 1 });
  }
  return starts.filter((s) => s.n >= 2).map((s) => s.x);
}

const columnOf = (x: number, starts: number[]) => {
  let c = 0;
  starts.forEach((s, i) => {
    if (x >= s - 2.5) c = i;
  });
  return c;
};

function cellTexts(runs: Run[], starts: number[]): string[] {
  const cells: string[] = starts.map(() => '');
  for (const r of [...runs].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const c = columnOf(r.x, starts);
    // a date wrapped in a narrow column ("15/02/20" / "24") is one word
    const glue = /\/\d*$/.test(cells[c]) && /^\d/.test(r.str.trim()) ? '' : ' ';
    cells[c] = `${cells[c]}${glue}${r.str}`.replace(/\s+/g, ' ').trim();
  }
  return cells;
}

/** What a table continued on the next page keeps: its columns and where its numbers are. */
export interface TableLayout {
  starts: number[];
  roles: ReturnType<typeof columnRoles>;
  labelX: number;
  size: number;
}

export interface PageTable {
  paragraphs: string[];
  y: number;
  x: number;
  used: Set<Run>;
  layout: TableLayout;
}

/** Where the table's header is on the page: its band, top and bottom, the column roles; null when there is none. */
function tableHeader(runs: Run[]) {
  const stt = runs.find((r) => /^(stt|tt)$/.test(foldKey(r.str.trim())));
  if (!stt) return null;
  const band = runs.filter((r) => Math.abs(r.y - stt.y) <= stt.size * 3);
  // a narrow header cell wraps its words: "Cơ quan chủ" / "trì" (centred one above the other)
  const centre = (r: Run) => r.x + r.w / 2;
  const cellText = (a: Run) =>
    band
      .filter((b) => Math.abs(centre(b) - centre(a)) < a.size * 2.5)
      .sort((p, q) => q.y - p.y)
      .map((b) => b.str)
      .join(' ');
  if (!band.some((r) => /chu tri/.test(foldKey(cellText(r))))) return null;
  return { stt, band, top: Math.max(...band.map((r) => r.y)) };
}

function rowLabels(runs: Run[], x: number, size: number, below: number): Run[] {
  return runs
    .filter((r) => r.y < below && Math.abs(r.x - x) < size * 2 && ROW_LABEL.test(r.str.trim()))
    .sort((a, b) => b.y - a.y);
}

/** Runs go to the row whose number is nearest: a cell's lines are centred on its row (or start at its top). */
function rowsOf(body: Run[], labels: Run[]): Run[][] {
  const mid = (r: Run) => r.y + r.size * 0.35;
  const rows = labels.map(() => [] as Run[]);
  for (const r of body) {
    let best = 0;
    labels.forEach((l, i) => {
      if (Math.abs(mid(l) - mid(r)) < Math.abs(mid(labels[best]) - mid(r))) best = i;
    });
    rows[best].push(r);
  }
  return rows;
}

/**
 * Rows told apart by the wider vertical gaps between them (cell padding and border) when cells are centred on
 * tall rows: the lines of the task column, split wherever the gap exceeds the line pitch; every run goes to the
 * nearest band. Null when the gaps do not give one band per row number (then the nearest number decides).
 */
function rowsByGaps(body: Run[], labels: Run[], inContent: (r: Run) => boolean): Run[][] | null {
  const key = (r: Run) => Math.round(r.y * 2) / 2;
  const ys = [...new Set(body.filter(inContent).map(key))].sort((a, b) => b - a);
  if (ys.length < 2) return null;
  const gaps = ys.slice(1).map((y, i) => ys[i] - y);
  const pitch = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  const bands: number[][] = [[ys[0]]];
  ys.slice(1).forEach((y, i) => (gaps[i] > pitch * 1.1 + 1 ? bands.push([y]) : bands[bands.length - 1].push(y)));
  const distance = (y: number, b: number[]) => (y > b[0] ? y - b[0] : y < b[b.length - 1] ? b[b.length - 1] - y : 0);
  if (bands.length !== labels.length || !labels.every((l, i) => distance(key(l), bands[i]) <= pitch)) return null;
  const rows = labels.map(() => [] as Run[]);
  for (const r of body) {
    let best = 0;
    bands.forEach((b, i) => {
      if (distance(key(r), b) < distance(key(r), bands[best])) best = i;
    });
    rows[best].push(r);
  }
  return rows;
}

/** The task table of a page (or the rest of the previous page's table): paragraphs, position, runs used. */
export function findTaskTable(runs: Run[], carried: TableLayout | null = null): PageTable | null {
  const head = tableHeader(runs);
  if (!head && !carried) return null;
  const size = head?.stt.size ?? carried!.size;
  const labelX = head?.stt.x ?? carried!.labelX;
  const top = head ? head.top : Math.max(...runs.map((r) => r.y));
  const labels = rowLabels(runs, labelX, size, head ? head.stt.y - size * 0.5 : top + 1);
  if (labels.length === 0) return null;
  const headerBottom = head ? labels[0].y + labels[0].size * 0.6 : top + 1;
  // the table ends after the last row number, at the first wide vertical gap
  const below = runs.filter((r) => r.y < headerBottom).sort((a, b) => b.y - a.y);
  let end = below.length;
  for (let i = 1; i < below.length && end === below.length; i++)
    if (below[i].y < labels[labels.length - 1].y && below[i - 1].y - below[i].y > size * 3) end = i;
  const body = below.slice(0, end);
  const header = head ? runs.filter((r) => r.y <= top && r.y >= headerBottom && !body.includes(r)) : [];
  const starts = head ? columnStarts(body) : carried!.starts;
  if (starts.length < 3) return null;
  const roles = head ? columnRoles([cellTexts(header, starts)]) : carried!.roles;
  if (!roles.has('content') || !roles.has('lead')) return null;
  const content = roles.get('content')!;
  const inContent = (r: Run) => columnOf(r.x, starts) === content;
  const paragraphs = (rowsByGaps(body, labels, inContent) ?? rowsOf(body, labels))
    .map((rs) => taskRowParagraph(cellTexts(rs, starts), roles))
    .filter((p) => p !== '');
  const used = new Set([...header, ...body, ...(head?.band ?? [])]);
  return { paragraphs, y: top, x: labelX, used, layout: { starts, roles, labelX, size } };
}
