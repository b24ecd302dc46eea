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

/**
 * The fonts our outputs name and the metric-compatible ones that must stand in for them wherever a test renders a
 * document (LibreOffice → PDF): the same widths, so a line breaks and a row grows where it does in Excel and Word.
 */
export const METRIC_FONTS = [
  { name: 'Times New Roman', standIn: 'Liberation Serif', pkg: 'fonts-liberation2' },
  { name: 'Arial', standIn: 'Liberation Sans', pkg: 'fonts-liberation2' },
  { name: 'Calibri', standIn: 'Carlito', pkg: 'fonts-crosextra-carlito' },
] as const;

/** The family fontconfig resolves `name` to ("Times New Roman" → "Liberation Serif" when fonts-liberation2 is in). */
export function resolvedFont(name: string): string {
  try {
    return execFileSync('fc-match', ['-f', '%{family}', name], { encoding: 'utf8' }).split(',')[0];
  } catch (e) {
    throw new Error(`This test needs fc-match (Debian: apt-get install fontconfig): ${(e as Error).message}`);
  }
}

/** Throws, naming the Debian package to install, unless each font our outputs name resolves to its stand-in. */
export function requireMetricFonts(): void {
  const wrong = METRIC_FONTS.filter((f) => resolvedFont(f.name) !== f.standIn);
  if (wrong.length > 0)
    throw new Error(
      'A render would use fonts of other widths than Excel and Word: ' +
        wrong.map((f) => `"${f.name}" resolves to "${resolvedFont(f.name)}", not "${f.standIn}"`).join('; ') +
        `. Install them (Debian: apt-get install ${[...new Set(wrong.map((f) => f.pkg))].join(' ')}).`,
    );
}

/** The fonts a PDF uses (`pdffonts`, poppler-utils), without the subset prefix: "BAAAAA+Carlito" → "Carlito". */
export function pdfFonts(pdf: string): string[] {
  const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2);
  const names = lines.map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, '')).filter((n) => n !== '');
  return [...new Set(names)].sort();
}
