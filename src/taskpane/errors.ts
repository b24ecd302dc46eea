/**
 * Any error as a sentence for the clerk: the Excel door's failures by kind, the engine's own (Vietnamese) messages
 * as they are; an English message from Office or the browser never reaches the pane (it goes to the console).
 */
import { DoorError } from '../excel/office';
import type { Strings } from './strings';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

export function errorText(e: unknown, S: Strings): string {
  if (e instanceof DoorError) return S.doorErrors[e.kind];
  const message = e instanceof Error ? e.message : String(e);
  return VIETNAMESE.test(message) ? message : S.unexpectedError;
}
