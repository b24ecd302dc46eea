/**
 * LibreOffice as an independent judge of what tonghop prints, in one run of soffice for many files: each file is
 * exported to PDF as it is (`<file>.pdf`, to read with pdftotext), then, for a workbook, every row of every sheet
 * up to the last one used is given LibreOffice's own optimal height, and both heights are reported: the one the file
 * asked for and the one LibreOffice computes from the text, the fonts (Liberation Serif for Times New Roman, Carlito
 * for Calibri) and the column widths. The work is done by a StarBasic macro in a private profile.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireSoffice } from './tools';

/** One row as LibreOffice sees it: its height in the file and the optimal height, in points. */
export interface RowHeights {
  sheet: number;
  row: number;
  height: number;
  optimal: number;
}

const MACRO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Check(listPath As String, outPath As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  Dim pdf(0) As New com.sun.star.beans.PropertyValue
  pdf(0).Name = &quot;FilterName&quot;
  inp = FreeFile
  Open listPath For Input As #inp
  out = FreeFile
  Open outPath For Output As #out
  Do While Not EOF(inp)
    Line Input #inp, f
    If f &lt;&gt; &quot;&quot; Then
      doc = StarDesktop.loadComponentFromURL(ConvertToURL(f), &quot;_blank&quot;, 0, args)
      isCalc = doc.supportsService(&quot;com.sun.star.sheet.SpreadsheetDocument&quot;)
      If isCalc Then pdf(0).Value = &quot;calc_pdf_Export&quot; Else pdf(0).Value = &quot;writer_pdf_Export&quot;
      doc.storeToURL(ConvertToURL(f &amp; &quot;.pdf&quot;), pdf)
      If isCalc Then
        For i = 0 To doc.Sheets.Count - 1
          sh = doc.Sheets.getByIndex(i)
          cur = sh.createCursor()
          cur.gotoEndOfUsedArea(False)
          For r = 0 To cur.RangeAddress.EndRow
            rw = sh.Rows.getByIndex(r)
            h = rw.Height
            rw.OptimalHeight = True
            Print #out, f &amp; Chr(9) &amp; i &amp; Chr(9) &amp; (r + 1) &amp; Chr(9) &amp; h &amp; Chr(9) &amp; rw.Height
          Next r
        Next i
      End If
      doc.close(True)
    End If
  Loop
  Close #out
  Close #inp
  StarDesktop.terminate()
End Sub
</script:module>
`;

const HUNDREDTH_MM_TO_PT = 72 / 2540;

/**
 * Exports each file to `<file>.pdf` and returns, per workbook, the rows' heights (file and LibreOffice's optimal).
 * File names must be plain (the macro reads them from a list file, one per line).
 */
export async function libreOfficePrint(files: string[]): Promise<Map<string, RowHeights[]>> {
  const soffice = requireSoffice();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-lo-print-'));
  try {
    const profile = `file://${dir}/profile`;
    const run = (arg: string) =>
      execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', arg], {
        stdio: 'pipe',
        timeout: 180_000,
      });
    run('--terminate_after_init'); // makes the profile, then the macro goes in its Standard library
    await fs.writeFile(path.join(dir, 'profile/user/basic/Standard/Module1.xba'), MACRO);
    const list = path.join(dir, 'list.txt');
    const out = path.join(dir, 'heights.txt');
    await fs.writeFile(list, files.map((f) => path.resolve(f)).join('\n') + '\n');
    run(`macro:///Standard.Module1.Check("${list}","${out}")`);
    const heights = new Map<string, RowHeights[]>(files.map((f) => [path.resolve(f), []]));
    for (const line of (await fs.readFile(out, 'latin1')).split(/\r?\n/)) {
      const [file, sheet, row, height, optimal] = line.split('\t');
      if (!optimal) continue;
      heights.get(file)?.push({
        sheet: Number(sheet),
        row: Number(row),
        height: Number(height) * HUNDREDTH_MM_TO_PT,
        optimal: Number(optimal) * HUNDREDTH_MM_TO_PT,
      });
    }
    return new Map([...heights].map(([f, rows]) => [files.find((x) => path.resolve(x) === f)!, rows]));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The text of each page of a PDF, laid out as printed (pdftotext -layout). */
export function pdfPages(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** A word of a PDF page with its box (points from the top left), as pdftotext -bbox gives it. */
export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of a PDF with its page and box. */
export function pdfWords(pdf: string): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const words: PdfWord[] = [];
  let page = 0;
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  for (const m of html.matchAll(
    /<page |<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[0].startsWith('<page')) page++;
    else words.push({ page, text: unescape(m[4]), xMin: Number(m[1]), xMax: Number(m[2]), yMax: Number(m[3]) });
  }
  return words;
}
