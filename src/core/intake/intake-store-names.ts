/**
 * The name of the sheet that keeps the pane's intake (intake-store.ts writes its cells). No import: the Excel door
 * and the pane's first bundle load it without the engine.
 */
export const INTAKE_STORE_SHEET = 'tonghop (tệp đã nhận)';

/** The store's sheet, or the free name a write gave it beside a sheet of the clerk's ("tonghop (tệp đã nhận) (2)"). */
export function isIntakeStoreName(name: string): boolean {
  return name === INTAKE_STORE_SHEET || (name.startsWith(`${INTAKE_STORE_SHEET} (`) && name.endsWith(')'));
}
