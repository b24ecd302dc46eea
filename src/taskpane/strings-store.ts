/**
 * The pane's words about the list of files kept in the workbook (steps/intake-store.ts), in Vietnamese and English;
 * strings.ts gives them as `S.store`.
 */
export const storeVi = {
  saved: (n: number, sheet: string, hidden: boolean) =>
    `Đã lưu ${n} tệp vào sổ, ở trang ${hidden ? 'ẩn ' : ''}“${sheet}”${hidden ? '' : ' (Excel này không ẩn được trang đó: đừng sửa hay xoá nó)'}: mở lại sổ là có lại danh sách, không cần thả lại tệp. Nhớ lưu sổ (Ctrl+S).`,
  notSaved: (why: string) => `Chưa lưu được danh sách tệp vào sổ: ${why}`,
  restored: (n: number, plan: string) =>
    `Đã mở lại danh sách ${n} tệp đã nhận, lưu trong sổ (kế hoạch số ${plan}). Tệp mới thả vào được thêm vào danh sách.`,
  refused: (message: string) => `${message} Danh sách tệp bắt đầu trống; dữ liệu cũ chỉ bị thay khi bạn đồng ý.`,
  confirmReplace: (message: string) => `${message} Ghi danh sách tệp hiện tại đè lên dữ liệu đó?`,
  declined: 'Danh sách này chưa được lưu vào sổ; dữ liệu cũ trong sổ được giữ nguyên.',
  saveAnyway: 'Lưu danh sách vào sổ…',
};

export const storeEn: typeof storeVi = {
  saved: (n: number, sheet: string, hidden: boolean) =>
    `${n} files saved in the workbook, in ${hidden ? 'the hidden sheet' : 'sheet'} “${sheet}”${hidden ? '' : ' (this Excel cannot hide it: do not edit or delete it)'}: reopening the workbook brings the list back. Remember to save the workbook (Ctrl+S).`,
  notSaved: (why: string) => `The list of files could not be saved in the workbook: ${why}`,
  restored: (n: number, plan: string) =>
    `The list of ${n} files received, kept in the workbook, is back (plan ${plan}). Files dropped now are added to it.`,
  refused: (message: string) => `${message} The list starts empty; the old data is replaced only if you agree.`,
  confirmReplace: (message: string) => `${message} Write the current list of files over it?`,
  declined: 'This list is not saved in the workbook; the old data there is kept.',
  saveAnyway: 'Save the list in the workbook…',
};
