/**
 * Getting an output to the user: a download in a browser and in Excel for Windows and the web; where the webview
 * ignores downloads (Excel for Mac, iPad) a workbook is opened in Excel (ExcelApi 1.8), anything else is explained.
 * What happened is said in the status line and returned, for a step to say it beside its buttons too.
 */
import { downloadsBlocked, openAsNewWorkbook } from '../excel/office';
import { h, setStatus } from './dom';
import { pane } from './state';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Delivered {
  text: string;
  kind: 'info' | 'error';
}

function said(text: string, kind: Delivered['kind'] = 'info'): Delivered {
  setStatus(text, kind);
  return { text, kind };
}

export async function deliver(bytes: Uint8Array, fileName: string, type = XLSX): Promise<Delivered> {
  const S = pane.S;
  if (pane.host.kind === 'excel' && downloadsBlocked()) {
    if (type === XLSX && (await openAsNewWorkbook(bytes))) return said(S.openedInExcel(fileName));
    return said(S.cannotDownloadHere(fileName), 'error');
  }
  const blob = new Blob([bytes as BlobPart], { type });
  const nav = navigator as Navigator & { msSaveOrOpenBlob?: (b: Blob, name: string) => boolean };
  if (typeof nav.msSaveOrOpenBlob === 'function') {
    // Internet Explorer 11 and EdgeHTML (Office 2016–2019): no download attribute
    nav.msSaveOrOpenBlob(blob, fileName);
  } else {
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: fileName, class: 'visually-hidden' });
    document.body.appendChild(a);
    a.click();
    a.parentNode?.removeChild(a);
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
  return said(S.downloaded(fileName));
}
