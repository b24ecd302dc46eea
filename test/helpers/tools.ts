/**
 * The programs some tests need (CI installs them): a test that needs one fails loudly when it is missing, it never
 * skips or switches its expectations. The "LibreOffice missing" behaviour has its own test
 * (test/reader/no-libreoffice.test.ts), which sets that up on purpose.
 */
import { execFileSync } from 'node:child_process';
import { findSoffice } from '../../src/cli/tools/libreoffice';

export const PYTHON = '/usr/bin/python3';

/** LibreOffice's soffice, as the CLI finds it; throws, saying how to install it, when there is none. */
export function requireSoffice(): string {
  const soffice = findSoffice();
  if (soffice === null)
    throw new Error(
      'This test needs LibreOffice (soffice) and did not find it' +
        (process.env.TONGHOP_SOFFICE !== undefined ? ` (TONGHOP_SOFFICE="${process.env.TONGHOP_SOFFICE}")` : '') +
        ': install it (Debian: apt-get install libreoffice-calc-nogui) or set TONGHOP_SOFFICE to its path.',
    );
  return soffice;
}

/** /usr/bin/python3 with openpyxl; throws, saying how to install it, when either is missing. */
export function requireOpenpyxl(): string {
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(
      `This test needs ${PYTHON} with openpyxl (Debian: apt-get install python3-openpyxl): ${(e as Error).message}`,
    );
  }
  return PYTHON;
}
