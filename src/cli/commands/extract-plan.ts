/**
 * `tonghop extract-plan <document> -o plan.xlsx [--agencies list.xlsx]`: drafts the plan workbook from the plan
 * document (.docx, .pdf, .txt, .md) and prints the short review list.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readWorkbookGrid, WorkbookError } from '../../core';
import { ExtractError, extractPlanDocument, readAgencyList } from '../../core/extract';
import type { Agency } from '../../core';
import { CliError, EXIT, readBytes } from '../files/inputs';
import { withOutputs } from '../files/claim';
import { commitAll, stageOutput } from '../files/write-out';
import { parseCommand, textOption, typedFlag } from './args';
import { pdfReaders } from '../tools/pdf-ocr';

export const EXTRACT_PLAN_USAGE =
  'tonghop extract-plan <văn-bản.docx|.pdf|.txt> [-o plan.xlsx] [--agencies danh-sach.xlsx]';

export const EXTRACT_PLAN_HELP = `  tonghop extract-plan <văn-bản.docx|.pdf|.txt|.md> [-o plan.xlsx] [--agencies danh-sach.xlsx]
      Đọc văn bản kế hoạch (Word, PDF, văn bản thuần; bản scan qua OCR khi có tesseract) và soạn sẵn sổ kế hoạch: số, ngày,
      cơ quan ban hành, nhiệm vụ, đơn vị phải báo cáo, hạn báo cáo. Mỗi dòng ghi đoạn văn bản gốc
      (cột "Nguồn") và điều cần xem lại (cột "Cần kiểm tra"); in danh sách cần kiểm tra.
        -o          sổ kế hoạch ghi ra (mặc định: <tên văn bản>-ke-hoach.xlsx cạnh văn bản)
        --agencies  danh sách đơn vị (.xlsx, ví dụ sổ kế hoạch cũ): thay các nhóm như
                    "UBND các huyện, thị xã, thành phố" bằng các đơn vị cụ thể
`;

async function loadAgencies(file: string): Promise<Agency[]> {
  let grid;
  try {
    grid = await readWorkbookGrid(await readBytes(file));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      `Danh sách đơn vị ${file} không đọc được: ${e instanceof WorkbookError ? e.message : (e as Error).message}`,
    );
  }
  const res = readAgencyList(grid, path.basename(file));
  const errors = res.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 || res.agencies.length === 0) {
    throw new CliError(`Danh sách đơn vị ${file}: ${errors.map((f) => f.message).join(' ') || 'không có đơn vị nào.'}`);
  }
  for (const w of res.findings) console.error(`Cảnh báo: ${[w.sheet, w.cell].filter(Boolean).join('!')}: ${w.message}`);
  return res.agencies;
}

export async function cmdExtractPlan(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'extract-plan',
    usage: EXTRACT_PLAN_USAGE,
    help: EXTRACT_PLAN_HELP,
    positionals: 1,
    options: { output: { type: 'string', short: 'o' }, agencies: { type: 'string' } },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const docPath = positionals[0];
  const agencyList = textOption(values.agencies);
  const out =
    textOption(values.output) ??
    path.join(path.dirname(docPath), `${path.basename(docPath).replace(/\.[^.]+$/, '')}-ke-hoach.xlsx`);
  const flag = values.output === undefined ? '-o (mặc định, cạnh văn bản)' : typedFlag(argv, 'output', 'o');
  const inputs = { files: [docPath, ...(agencyList ? [agencyList] : [])], folders: [] };
  return withOutputs([{ flag, file: out, exts: ['.xlsx'] }], inputs, async () => {
    const agencies = agencyList ? await loadAgencies(agencyList) : undefined;
    const bytes = await readBytes(docPath);
    let result;
    try {
      const readers = /\.pdf$/i.test(docPath) || bytes[0] === 0x25 ? await pdfReaders() : {};
      result = await extractPlanDocument(path.basename(docPath), bytes, { agencies, ...readers });
    } catch (e) {
      if (e instanceof ExtractError) throw new CliError(e.message);
      throw e;
    }
    // the same bytes for the same document: writePlanWorkbook dates the workbook by the plan
    commitAll([await stageOutput(out, (tmp) => fs.writeFile(tmp, result.workbook, { flag: 'wx' }), inputs.files)]);
    printReview(result, out);
    return EXIT.ok;
  });
}

function printReview(result: Awaited<ReturnType<typeof extractPlanDocument>>, out: string): void {
  console.log(result.review[0]);
  if (result.ocr) console.log('Văn bản là bản scan, đã đọc bằng nhận dạng chữ (OCR): mọi mục đều cần kiểm tra.');
  const rest = result.review.slice(1);
  if (rest.length > 1) {
    console.log('');
    console.log('Cần kiểm tra:');
    for (const line of rest) console.log(`  - ${line}`);
  }
  console.log('');
  console.log(`Sổ kế hoạch (bản nháp): ${path.resolve(out)}`);
  console.log(`Sau khi xem lại: tonghop check-plan "${out}" rồi tonghop templates "${out}" <thư-mục-mẫu>`);
}
