/**
 * The problems and warnings of one plan reading, collected with file, sheet and cell before the plan is refused.
 * One instance per readPlan call, passed to each sheet's reader (no module state).
 */
import { type SheetGrid, cellAddress } from '../basics/grid';
import { type Finding, finding } from '../basics/model';

export interface Where {
  file?: string;
  sheet?: string;
  cell?: string;
}

export class PlanCheck {
  readonly problems: Finding[] = [];
  readonly warnings: Finding[] = [];
  constructor(readonly fileName: string) {}

  /** The place of a cell, for a finding. */
  at(sheet: SheetGrid, r: number, c: number): Where {
    return { file: this.fileName, sheet: sheet.name, cell: cellAddress(sheet, r, c) };
  }

  err(code: string, msg: string, where: Where): void {
    this.problems.push(finding('error', code, msg, { file: this.fileName, ...where }));
  }

  warn(code: string, msg: string, where: Where): void {
    this.warnings.push(finding('warning', code, msg, { file: this.fileName, ...where }));
  }

  /** No problem has been found on this sheet yet. */
  sheetIsClean(sheet: SheetGrid): boolean {
    return this.problems.every((p) => p.sheet !== sheet.name);
  }
}
