/**
 * OCR of a scanned plan (a PDF whose pages are pictures) with Tesseract compiled to WebAssembly
 * (tesseract.js-core, the engine tesseract.js runs) and the Vietnamese model of @tesseract.js-data/vie: the same
 * code in the task pane (in a worker, taskpane/ocr) and in the CLI when Debian's tesseract is not installed
 * (cli/tools/pdf-ocr.ts). Each page is rendered by pdfjs at 300 dpi (as `pdftoppm -r 300 -gray` does for the
 * CLI's tesseract), made grey, and read with Tesseract's automatic page layout (`tesseract page.pgm - -l vie`).
 *
 * Nothing here loads anything: the door gives pdfjs, the Emscripten module factory and the model's bytes. The
 * canvas a page is drawn on is pdfjs's own (the page's in a browser, @napi-rs/canvas in Node).
 */
import { gunzipSync } from 'fflate';
import { ExtractError, type PdfjsLike } from './pdf';

/** The part of tesseract.js-core's Emscripten module used here. */
export interface TesseractModule {
  FS: { writeFile(path: string, data: Uint8Array | string): void };
  TessBaseAPI: new () => TesseractApi;
}
interface TesseractApi {
  Init(dataPath: string | null, lang: string, oem?: number): number;
  SetVariable(name: string, value: string): boolean;
  SetImageFile(exif: number, angle: number): number;
  Recognize(monitor: null): number;
  GetUTF8Text(): string;
  End(): void;
}
/** `TesseractCore` of tesseract.js-core (its glue script). */
export type TesseractFactory = (options: {
  locateFile?: (file: string) => string;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}) => Promise<TesseractModule>;

/** Pages read at most: a plan is a few pages; a scan of a whole file cabinet is not one. */
export const MAX_OCR_PAGES = 40;
/** The resolution of a page for Tesseract, and the longest side allowed (A3 and larger are read smaller). */
export const OCR_DPI = 300;
const MAX_SIDE = 5000;
const LSTM_ONLY = 1;

/** A WebAssembly module with SIMD instructions (the one wasm-feature-detect validates). */
const SIMD_PROBE = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
];

/**
 * The tesseract.js-core build to run (its file name without `.js`): with SIMD where WebAssembly has it (twice as
 * fast, the same text), else the plain one; null where there is no WebAssembly (Internet Explorer 11).
 */
export function tesseractCoreName(): string | null {
  const wasm = (globalThis as { WebAssembly?: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
  if (!wasm) return null;
  return wasm.validate(new Uint8Array(SIMD_PROBE)) ? 'tesseract-core-simd-lstm' : 'tesseract-core-lstm';
}

/** Tesseract with the Vietnamese model loaded, reading one page at a time. */
export class OcrEngine {
  private constructor(
    private readonly api: TesseractApi,
    private readonly fs: TesseractModule['FS'],
  ) {}

  /** Starts Tesseract; `traineddata` is vie.traineddata, gzipped as npm ships it or not. */
  static async start(factory: TesseractFactory, traineddata: Uint8Array, locateFile?: (f: string) => string) {
    // Tesseract's own remarks ("Parameter not found …") are for its developers, not for a clerk
    const quiet = { print: () => undefined, printErr: () => undefined };
    const module = await factory(locateFile ? { ...quiet, locateFile } : quiet);
    const gzipped = traineddata[0] === 0x1f && traineddata[1] === 0x8b;
    module.FS.writeFile('/vie.traineddata', gzipped ? gunzipSync(traineddata) : traineddata);
    const api = new module.TessBaseAPI();
    if (api.Init('/', 'vie', LSTM_ONLY) !== 0) throw new ExtractError('Không khởi động được bộ nhận dạng chữ (OCR).');
    api.SetVariable('tessedit_pageseg_mode', '3'); // automatic page layout, as the tesseract command
    api.SetVariable('user_defined_dpi', String(OCR_DPI));
    return new OcrEngine(api, module.FS);
  }

  /** The text of one page given as a binary greyscale PGM (greyPgm). */
  read(pgm: Uint8Array): string {
    this.fs.writeFile('/input', pgm); // the file SetImageFile reads
    if (this.api.SetImageFile(1, 0) !== 0) throw new ExtractError('Bộ nhận dạng chữ không đọc được ảnh trang.');
    this.api.Recognize(null);
    return this.api.GetUTF8Text();
  }

  end(): void {
    this.api.End();
  }
}

/** RGBA pixels (a canvas's) as a binary greyscale PGM (P5), the luma of ITU-R BT.601 as pdftoppm -gray. */
export function greyPgm(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(head.length + width * height);
  out.set(head, 0);
  for (let i = 0, o = head.length; i < width * height; i++, o++) {
    const p = i * 4;
    out[o] = Math.round(0.299 * rgba[p] + 0.587 * rgba[p + 1] + 0.114 * rgba[p + 2]);
  }
  return out;
}

/** The scale (pdf points to pixels) of a page of `width` × `height` points read for OCR. */
export function ocrScale(width: number, height: number): number {
  const scale = OCR_DPI / 72;
  return Math.min(scale, MAX_SIDE / Math.max(width, height, 1));
}

interface Viewport {
  width: number;
  height: number;
}
interface Canvas2d {
  getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number>; width: number; height: number };
}
interface RenderablePage {
  getViewport(o: { scale: number }): Viewport;
  render(o: { canvasContext: Canvas2d; viewport: Viewport; background?: string }): { promise: Promise<void> };
  cleanup(): void;
}
interface RenderableDocument {
  numPages: number;
  getPage(n: number): Promise<RenderablePage>;
  canvasFactory: {
    create(w: number, h: number): { canvas: unknown; context: Canvas2d };
    destroy(c: { canvas: unknown; context: Canvas2d }): void;
  };
  destroy(): Promise<void>;
}

/** What reads one page image: the door's Tesseract (in a worker in the pane). */
export type PageReader = (pgm: Uint8Array, page: number, pages: number) => Promise<string>;

/**
 * The text of each page of a scanned PDF: every page rendered on pdfjs's canvas at 300 dpi, made grey, read by
 * `read`. At most MAX_OCR_PAGES pages.
 */
export async function ocrPages(pdfjs: PdfjsLike, bytes: Uint8Array, read: PageReader): Promise<string[]> {
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const doc = (await task.promise) as unknown as RenderableDocument;
  try {
    if (doc.numPages > MAX_OCR_PAGES)
      throw new ExtractError(
        `Bản scan có ${doc.numPages} trang, quá ${MAX_OCR_PAGES} trang một kế hoạch thường có: hãy tách riêng phần kế hoạch rồi đọc lại.`,
      );
    const out: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: ocrScale(base.width, base.height) });
      const [w, h] = [Math.ceil(viewport.width), Math.ceil(viewport.height)];
      const surface = doc.canvasFactory.create(w, h);
      await page.render({ canvasContext: surface.context, viewport, background: 'white' }).promise;
      const image = surface.context.getImageData(0, 0, w, h);
      doc.canvasFactory.destroy(surface);
      page.cleanup();
      out.push(await read(greyPgm(image.data, image.width, image.height), n, doc.numPages));
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
