/**
 * The pane's words about reading a scanned plan by OCR (reading/ocr-pane.ts), in Vietnamese and English;
 * strings.ts gives them as `S.ocr`.
 */
export const ocrVi = {
  tooSlow: 'Nhận dạng chữ (OCR) quá lâu: đã dừng.',
  failed: (message: string) => `Không chạy được bộ nhận dạng chữ (OCR) trong ô tác vụ (${message}).`,
  noWasm:
    'Trình duyệt của Office này không có WebAssembly để nhận dạng chữ (OCR): hãy đọc bản scan bằng dòng lệnh (tonghop extract-plan) hoặc trong Excel mới hơn.',
};

export type OcrWords = typeof ocrVi;

export const ocrEn: OcrWords = {
  tooSlow: 'Text recognition (OCR) took too long: stopped.',
  failed: (message: string) => `The text recogniser (OCR) could not run in the pane (${message}).`,
  noWasm:
    "This Office's browser has no WebAssembly for text recognition (OCR): read the scan with the command line (tonghop extract-plan) or in a newer Excel.",
};
