/**
 * What boot.js says where the pane cannot run at all (compat/boot.ts): kept apart from strings.ts so that the
 * first script every webview loads carries these three sentences and nothing else. Vietnamese only: Office's
 * language is not known before office.js loads.
 */
export const BOOT = [
  'Ngăn Tổng hợp báo cáo không chạy được trong phiên bản Office này.',
  'Cần Excel 2016 trở lên trên Windows (đã cập nhật, có Internet Explorer 11), Excel 2016 for Mac trở lên, Excel trên web (Office.com) hoặc Microsoft 365.',
  'Mọi bước (kế hoạch, mẫu báo cáo, nhận báo cáo, tổng hợp, xuất) cũng làm được bằng công cụ dòng lệnh tonghop trên máy tính: xem hướng dẫn đi kèm.',
];
