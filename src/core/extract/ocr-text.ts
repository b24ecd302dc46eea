/**
 * Repairs of text read by OCR that the plan's structure makes certain. Tesseract's Vietnamese models now and then
 * drop one stroke of a Roman numeral ("III. TỔ CHỨC THỰC HIỆN" read "II. TỔ CHỨC THỰC HIỆN"); a plan never repeats
 * a section's numeral, so a heading in capitals repeating the previous heading's numeral is the next section.
 */
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
const HEADING = /^(\s*)([IVX]{1,4})([.:]?\s+)(\S.*)$/;

function isCapitals(text: string): boolean {
  const upper = text.toUpperCase();
  return upper !== text.toLowerCase() && upper === text;
}

/** The lines of OCR text, with each repeated Roman section numeral made the next one. */
export function repairOcrLines(lines: string[]): string[] {
  let last = 0;
  return lines.map((line) => {
    const m = HEADING.exec(line);
    if (!m || !isCapitals(m[4])) return line;
    const n = ROMAN.indexOf(m[2]) + 1;
    if (n === 0) return line;
    if (n !== last || last >= ROMAN.length) {
      last = n;
      return line;
    }
    last = n + 1;
    return `${m[1]}${ROMAN[n]}${m[3]}${m[4]}`;
  });
}
