/**
 * The help of each command (`tonghop <command> --help`) and of the whole program, with the exit codes.
 */
export const VERSION = '0.1.0';

export const SAMPLE_HELP = `  tonghop sample <thư-mục> [--plan soc-trang|ha-tinh]
      Ghi bộ mẫu: <thư-mục>/plan.xlsx và <thư-mục>/submissions/ (báo cáo của các đơn vị:
      đúng hạn, muộn, thiếu, và vài tệp lỗi), ngày của tệp đặt đúng ngày nhận.
`;

export const TEMPLATES_HELP = `  tonghop templates <plan.xlsx> <thư-mục-ra>
      Tạo mẫu báo cáo cho từng đơn vị trong kế hoạch (tên tệp là mã đơn vị, ví dụ ST-SYT.xlsx).
`;

export const CONSOLIDATE_HELP = `  tonghop consolidate <plan.xlsx> <thư-mục-báo-cáo> [--as-of NGÀY] [--period NĂM]
                      [-o summary.xlsx] [--json summary.json] [--quiet] [--workers N] [--max-file-size MB]
                      [--since sổ-tổng-hợp-lần-trước.xlsx]
      Đọc mọi tệp trong thư mục, đối chiếu với kế hoạch, tổng hợp theo đơn vị, nhiệm vụ, nhóm;
      liệt kê đơn vị chưa nộp, nộp muộn. Ngày nhận lấy từ "Sổ tiếp nhận.xlsx" ở thư mục gốc
      (cột "Tên tệp", "Ngày nhận") nếu có, nếu không thì lấy ngày sửa đổi của tệp, tính theo giờ
      Việt Nam (UTC+7) dù máy đặt múi giờ nào. Mọi mục trong thư mục đều có dòng trong sổ tiếp nhận
      của kết quả (đọc được, hay bị loại và vì sao).
        --as-of     ngày tính số liệu, dd/mm/yyyy hoặc yyyy-mm-dd (mặc định: hôm nay, giờ Việt Nam)
        --period    kỳ báo cáo (năm), ví dụ 2025 với hạn hằng năm (mặc định: kỳ có hạn gần nhất đã qua)
        -o          ghi sổ tổng hợp .xlsx (được ghi vào chính thư mục báo cáo; lần sau sẽ được nhận ra)
        --json      ghi kết quả dạng JSON (.json), khác tệp -o
        --quiet     không in tiến độ
        --workers   số luồng đọc tệp song song (mặc định: số nhân CPU khi có từ 200 tệp; 1 = đọc lần lượt)
        --max-file-size  tệp lớn hơn số MB này bị loại, không đọc (mặc định: 20); xem docs/security.md
        --since     so với sổ tổng hợp lần trước (do "consolidate -o" ghi, cùng kế hoạch, cùng kỳ): in thêm và
                    ghi thêm trang "Thay đổi từ lần trước" (tệp mới, tệp thay nội dung, đơn vị mới nộp, vẫn
                    chưa nộp); -o phải là tệp khác sổ lần trước
`;

export const CHECK_PLAN_HELP = `  tonghop check-plan <plan.xlsx>
      Kiểm tra sổ kế hoạch, liệt kê mọi lỗi (trang, ô, nội dung). Bản nháp của "extract-plan" còn dòng
      tạm (số "Chưa có số", đơn vị hay nhiệm vụ tạm) thì chưa dùng được; các ô "Cần kiểm tra" còn ghi
      được liệt kê.
`;

export const DEMO_HELP = `  tonghop demo [thư-mục]
      Chạy "sample" rồi "consolidate" trên bộ mẫu Sóc Trăng và in kết quả.
`;

export const EXIT_CODES_HELP = `Mã thoát:
  0    chạy xong (kể cả khi còn đơn vị chưa nộp)
  1    tham số, kế hoạch hoặc tệp kết quả không hợp lệ: không ghi gì
  2    lỗi không mong đợi (lỗi của chương trình: xin báo lại)
  3    chạy xong nhưng thư mục trống hoặc không tệp nào được nhận ra là báo cáo của đơn vị
  4    không ghi được kết quả (ổ đĩa đầy, không có quyền, tên quá dài, một lần chạy khác đang ghi cùng tệp):
       kết quả cũ giữ nguyên
  130  dừng bằng Ctrl-C; 143 dừng bằng kill (SIGTERM): tệp tạm đã xóa, kết quả cũ giữ nguyên
`;

export function programHelp(reportHelp: string, extractPlanHelp: string, historyHelp = ''): string {
  return `tonghop ${VERSION} — tổng hợp báo cáo kết quả thực hiện kế hoạch

Cách dùng (mỗi lệnh có trợ giúp riêng: tonghop <lệnh> --help):
${SAMPLE_HELP}
${TEMPLATES_HELP}
${CONSOLIDATE_HELP}
${CHECK_PLAN_HELP}
${reportHelp}
${extractPlanHelp}
${historyHelp}
${DEMO_HELP}
Ngày: dd/mm/yyyy (15/07/2024) hoặc yyyy-mm-dd (2024-07-15); ngày không có thật (31/06) bị từ chối.

Ví dụ:
  npx tonghop sample /tmp/s
  npx tonghop templates /tmp/s/plan.xlsx /tmp/t
  npx tonghop consolidate /tmp/s/plan.xlsx /tmp/s/submissions --as-of 15/07/2024 -o /tmp/s/tong-hop.xlsx --json /tmp/s/tong-hop.json

${EXIT_CODES_HELP}`;
}
