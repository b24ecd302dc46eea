/**
 * The pane's words for its help buttons and the user guide shown over it (help.ts), in Vietnamese and English (the
 * guide itself is Vietnamese); strings.ts gives them as `S.help`.
 */
export const helpVi = {
  open: '?',
  step: (title: string) => `Hướng dẫn: ${title}`,
  title: 'Hướng dẫn sử dụng',
  close: 'Đóng hướng dẫn',
  newWindow: 'Mở trong cửa sổ riêng',
};

export const helpEn: typeof helpVi = {
  open: '?',
  step: (title: string) => `Guide (in Vietnamese): ${title}`,
  title: 'User guide (in Vietnamese)',
  close: 'Close the guide',
  newWindow: 'Open in a window of its own',
};
