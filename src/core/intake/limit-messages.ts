/**
 * The words of the limits' refusals (limits.ts), shared by the zip and XML readers; internal to intake.
 */
import { type Finding, finding } from '../basics/model';

const MB = 1024 * 1024;

/** "21 MB", "12,3 MB", "800 KB". */
export function size(n: number): string {
  if (n >= MB) return `${(n / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
  return `${Math.ceil(n / 1024).toLocaleString('vi-VN')} KB`;
}
export function num(n: number): string {
  return n.toLocaleString('vi-VN');
}
export const NOT_READ = 'tệp không được đọc';

export class Refused extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}
export function refuse(code: string, message: string): never {
  throw new Refused(finding('error', code, message));
}
