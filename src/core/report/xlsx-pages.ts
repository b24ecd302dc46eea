/**
 * Where the printed pages of `Báo cáo` end. Excel and LibreOffice break a sheet where the rows fill the page; a
 * table's header may then stand alone at the foot of a page, and a table continued on the next page has no header
 * (a sheet has one set of print titles, and the letterhead is not a table). So the writer breaks the pages itself:
 * it knows each row's height (measured from its text), keeps a heading with the first rows of what follows, and
 * writes the table's header again at the top of a page where the table goes on. The page holds fewer rows here than
 * in either program (the narrower columns of the two give the larger print scale), so neither breaks earlier.
 */
import type ExcelJS from 'exceljs';
import { columnScreenWidth } from '../basics/measure';
import { DECREE_30 } from './letterhead';

const PT_PER_MM = 72 / 25.4;

/** The height of rows (points, at the sheet's own scale) that fits on one printed A4 page of the decree. */
export function pageCapacity(widths: readonly number[], orientation: 'portrait' | 'landscape'): number {
  const m = DECREE_30.marginsMm;
  const [w, h] = orientation === 'portrait' ? [210, 297] : [297, 210];
  const printableWidth = (w - m.left - m.right) * PT_PER_MM;
  const printableHeight = (h - m.top - m.bottom) * PT_PER_MM;
  // fit to one page wide: the rows print at the scale the columns need; 2 % kept free for rounding
  const scale = Math.min(1, printableWidth / columnScreenWidth(widths));
  return (printableHeight / scale) * 0.98;
}

/** Counts the height used on the current page and starts a new page (a manual row break) where told. */
export class Pager {
  private used = 0;

  constructor(
    private readonly ws: ExcelJS.Worksheet,
    readonly capacity: number,
  ) {}

  /** Whether `height` more points fit on the current page. */
  fits(height: number): boolean {
    return this.used === 0 || this.used + height <= this.capacity;
  }

  /** Starts a new page before sheet row `row` unless `height` more points fit; true when it did. */
  keep(row: number, height: number): boolean {
    if (this.fits(height)) return false;
    this.ws.getRow(row - 1).addPageBreak();
    this.used = 0;
    return true;
  }

  /** A row of `height` points was written on the current page. */
  add(height: number): void {
    this.used += height;
  }
}
