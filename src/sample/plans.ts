/**
 * The two sample plans, as data: Sóc Trăng's letter on the International Day for Biological Diversity 2024
 * (9 activities, appendix agencies, districts; deadline 30/6/2024) and Hà Tĩnh's letter implementing Plan
 * 588/KH-UBND (annual deadline 15/12). Titles are shortened in our own words (../shared/seeds has the facts).
 */
import { type Plan, type PlanInput, planSchema } from '../core/basics/model';

type AgencyInput = PlanInput['agencies'][number];
type IndicatorInput = NonNullable<PlanInput['indicators']>[number];

/** [code, name, unit, task, aggregate] */
type IndicatorRow = [string, string, string, string, IndicatorInput['aggregate']];
const indicator = ([code, name, unit, taskCode, aggregate]: IndicatorRow): IndicatorInput => ({
  code,
  name,
  unit,
  taskCode,
  aggregate,
});

// ---------------------------------------------------------------------------------------------
// Sóc Trăng

const ST_SECTION = 'Các hoạt động hưởng ứng';
/** The nine activities, numbered 1 to 9. */
const ST_TASKS = [
  'Truyền thông, giáo dục, nâng cao nhận thức về đa dạng sinh học; lồng ghép bảo tồn vào giáo dục',
  'Triển khai Chiến lược quốc gia về đa dạng sinh học đến 2030, tầm nhìn 2050; phổ biến quy hoạch, chương trình về bảo tồn',
  'Ngăn chặn khai thác quá mức, buôn bán trái phép động vật, thực vật hoang dã',
  'Kiểm soát, giảm thiểu tác động của loài ngoại lai xâm hại',
  'Giảm ô nhiễm, giảm tác động của biến đổi khí hậu đến đa dạng sinh học; lồng ghép bảo tồn vào chính sách, quy hoạch',
  'Xây dựng cơ sở dữ liệu; điều tra, kiểm kê, quan trắc đa dạng sinh học',
  'Ứng dụng khoa học công nghệ trong giám sát và sử dụng bền vững đa dạng sinh học',
  'Thiết lập quan hệ đối tác, vận động hỗ trợ cho bảo tồn thiên nhiên',
  'Phát hiện, tôn vinh cá nhân, tập thể có mô hình, sáng kiến bảo tồn hiệu quả',
];
const ST_INDICATORS: IndicatorRow[] = [
  ['CT1', 'Số buổi tuyên truyền, tập huấn', 'buổi', '1', 'sum'],
  ['CT2', 'Số người tham gia', 'người', '1', 'sum'],
  ['CT3', 'Số vụ vi phạm về động vật hoang dã được xử lý', 'vụ', '3', 'sum'],
  ['CT4', 'Diện tích kiểm soát loài ngoại lai', 'ha', '4', 'sum'],
  ['CT5', 'Số mô hình, sáng kiến được biểu dương', 'mô hình', '9', 'sum'],
];
/** [code without "ST-", name] */
const ST_DEPARTMENTS = [
  ['SYT', 'Sở Y tế'],
  ['SNV', 'Sở Nội vụ'],
  ['STP', 'Sở Tư pháp'],
  ['STC', 'Sở Tài chính'],
  ['CAT', 'Công an tỉnh'],
  ['SXD', 'Sở Xây dựng'],
  ['SCT', 'Sở Công Thương'],
  ['SGTVT', 'Sở Giao thông vận tải'],
  ['SKHDT', 'Sở Kế hoạch và Đầu tư'],
  ['SGDDT', 'Sở Giáo dục và Đào tạo'],
  ['SKHCN', 'Sở Khoa học và Công nghệ'],
  ['STTTT', 'Sở Thông tin và Truyền thông'],
  ['SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['SLDTBXH', 'Sở Lao động - Thương binh và Xã hội'],
  ['SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn'],
  ['BDT', 'Ban Dân tộc'],
  ['BQLDA1', 'Ban Quản lý dự án 1'],
  ['BQLDA2', 'Ban Quản lý dự án 2'],
  ['DPTTH', 'Đài Phát thanh - Truyền hình'],
  ['BQLKCN', 'Ban Quản lý các Khu công nghiệp'],
] as const;
const ST_ORGANISATIONS = [
  ['HND', 'Hội Nông dân tỉnh'],
  ['LDLD', 'Liên đoàn Lao động tỉnh'],
  ['HCCB', 'Hội Cựu chiến binh tỉnh'],
  ['HLHPN', 'Hội Liên hiệp Phụ nữ tỉnh'],
  ['HNNCDDC', 'Hội Nạn nhân chất độc da cam/dioxin tỉnh'],
  ['UBMTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Sóc Trăng'],
  ['TDTN', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Sóc Trăng'],
] as const;
/** [code without "ST-", name, area] */
const ST_LOCALITIES = [
  ['TPST', 'UBND thành phố Sóc Trăng', 'Thành phố Sóc Trăng'],
  ['TXVC', 'UBND thị xã Vĩnh Châu', 'Thị xã Vĩnh Châu'],
  ['TXNN', 'UBND thị xã Ngã Năm', 'Thị xã Ngã Năm'],
  ['HKS', 'UBND huyện Kế Sách', 'Huyện Kế Sách'],
  ['HLP', 'UBND huyện Long Phú', 'Huyện Long Phú'],
  ['HCLD', 'UBND huyện Cù Lao Dung', 'Huyện Cù Lao Dung'],
  ['HMT', 'UBND huyện Mỹ Tú', 'Huyện Mỹ Tú'],
  ['HCT', 'UBND huyện Châu Thành', 'Huyện Châu Thành'],
  ['HTT', 'UBND huyện Thạnh Trị', 'Huyện Thạnh Trị'],
  ['HMX', 'UBND huyện Mỹ Xuyên', 'Huyện Mỹ Xuyên'],
  ['HTD', 'UBND huyện Trần Đề', 'Huyện Trần Đề'],
] as const;

export function socTrangPlan(): Plan {
  const agencies: AgencyInput[] = [
    ...ST_DEPARTMENTS.map(([code, name]) => ({ code: `ST-${code}`, name, kind: 'department' as const })),
    ...ST_ORGANISATIONS.map(([code, name]) => ({ code: `ST-${code}`, name, kind: 'organisation' as const })),
    ...ST_LOCALITIES.map(([code, name, area]) => ({ code: `ST-${code}`, name, kind: 'locality' as const, area })),
  ];
  return planSchema.parse({
    number: '1350/STNMT-MT',
    title: 'Tổ chức các hoạt động hưởng ứng Ngày Quốc tế đa dạng sinh học năm 2024',
    issuer: 'Sở Tài nguyên và Môi trường tỉnh Sóc Trăng',
    issuedOn: '2024-05-22',
    consolidator: 'Sở Tài nguyên và Môi trường',
    deadline: { kind: 'fixed', date: '2024-06-30' },
    period: '2024',
    upwardDeadline: null,
    recipients: 'UBND tỉnh Sóc Trăng; Bộ Tài nguyên và Môi trường',
    superiorBody: 'UBND tỉnh Sóc Trăng',
    place: 'Sóc Trăng',
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: 'Nguyễn Thị Thùy Nhi',
    tasks: ST_TASKS.map((title, i) => ({ code: String(i + 1), title, section: ST_SECTION })),
    indicators: ST_INDICATORS.map(indicator),
    agencies,
  });
}

// ---------------------------------------------------------------------------------------------
// Hà Tĩnh

const HT_TASKS = [
  {
    code: '1',
    title: 'Tuyên truyền, vận động đoàn viên, hội viên và Nhân dân tham gia bảo tồn, sử dụng bền vững đa dạng sinh học',
    section: 'Mặt trận và các tổ chức chính trị - xã hội',
    lead: 'Ủy ban MTTQ tỉnh',
  },
  {
    code: '2',
    title:
      'Rà soát nhiệm vụ được giao, đối chiếu thực tiễn và triển khai Kế hoạch hành động tại cơ quan, đơn vị, địa phương',
    section: 'Sở, ban, ngành và địa phương',
  },
  {
    code: '3',
    title: 'Bảo vệ hệ sinh thái rừng và các loài hoang dã tại khu bảo tồn, rừng phòng hộ',
    section: 'Các đơn vị quản lý rừng',
  },
];
const HT_INDICATORS: IndicatorRow[] = [
  ['TT1', 'Số cuộc tuyên truyền', 'cuộc', '1', 'sum'],
  ['TT2', 'Số lượt người được tuyên truyền', 'lượt người', '1', 'sum'],
  ['R1', 'Diện tích rừng được tuần tra, bảo vệ', 'ha', '3', 'sum'],
  ['R2', 'Tỉ lệ diện tích được giám sát', '%', '3', 'avg'],
  ['R3', 'Số loài quý hiếm ghi nhận nhiều nhất tại một đơn vị', 'loài', '3', 'max'],
];
/** The Front and the mass organisations: task 1. [code without "HT-", name] */
const HT_ORGANISATIONS = [
  ['UBMTTQ', 'Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh'],
  ['HND', 'Hội Nông dân tỉnh Hà Tĩnh'],
  ['HLHPN', 'Hội Liên hiệp Phụ nữ tỉnh Hà Tĩnh'],
  ['TD', 'Tỉnh đoàn Hà Tĩnh'],
  ['HCCB', 'Hội Cựu chiến binh tỉnh Hà Tĩnh'],
  ['LDLD', 'Liên đoàn Lao động tỉnh Hà Tĩnh'],
] as const;
/** Departments: task 2, the forest bodies tasks 2 and 3. [code without "HT-", name, tasks] */
const HT_DEPARTMENTS: [string, string, string[]][] = [
  ['SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn Hà Tĩnh', ['2']],
  ['SKHDT', 'Sở Kế hoạch và Đầu tư Hà Tĩnh', ['2']],
  ['STC', 'Sở Tài chính Hà Tĩnh', ['2']],
  ['SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh', ['2']],
  ['SGDDT', 'Sở Giáo dục và Đào tạo Hà Tĩnh', ['2']],
  ['SKHCN', 'Sở Khoa học và Công nghệ Hà Tĩnh', ['2']],
  ['CAT', 'Công an tỉnh Hà Tĩnh', ['2']],
  ['VQGVQ', 'Vườn Quốc gia Vũ Quang', ['2', '3']],
  ['KBTKG', 'Ban Quản lý Khu Bảo tồn thiên nhiên Kẻ Gỗ', ['2', '3']],
  ['RPHHL', 'Ban Quản lý rừng phòng hộ Hồng Lĩnh', ['2', '3']],
  ['RPHNHT', 'Ban Quản lý rừng phòng hộ Nam Hà Tĩnh', ['2', '3']],
];
/** City, towns and districts: tasks 1 and 2. [code without "HT-", place, prefix] */
const HT_LOCALITIES = [
  ['TPHT', 'Hà Tĩnh', 'thành phố'],
  ['TXHL', 'Hồng Lĩnh', 'thị xã'],
  ['TXKA', 'Kỳ Anh', 'thị xã'],
  ['HHS', 'Hương Sơn', 'huyện'],
  ['HDT', 'Đức Thọ', 'huyện'],
  ['HVQ', 'Vũ Quang', 'huyện'],
  ['HNX', 'Nghi Xuân', 'huyện'],
  ['HCL', 'Can Lộc', 'huyện'],
  ['HHK', 'Hương Khê', 'huyện'],
  ['HTH', 'Thạch Hà', 'huyện'],
  ['HCX', 'Cẩm Xuyên', 'huyện'],
  ['HKA', 'Kỳ Anh', 'huyện'],
  ['HLH', 'Lộc Hà', 'huyện'],
] as const;

export function haTinhPlan(): Plan {
  const agencies: AgencyInput[] = [
    ...HT_ORGANISATIONS.map(([code, name]) => ({
      code: `HT-${code}`,
      name,
      kind: 'organisation' as const,
      tasks: ['1'],
    })),
    ...HT_DEPARTMENTS.map(([code, name, tasks]) => ({ code: `HT-${code}`, name, kind: 'department' as const, tasks })),
    ...HT_LOCALITIES.map(([code, area, prefix]) => ({
      code: `HT-${code}`,
      name: `UBND ${prefix} ${area}`,
      kind: 'locality' as const,
      area: `${prefix[0].toUpperCase()}${prefix.slice(1)} ${area}`,
      tasks: ['1', '2'],
    })),
  ];
  return planSchema.parse({
    number: '588/KH-UBND',
    title:
      'Kế hoạch hành động về bảo tồn đa dạng sinh học đến năm 2030, tầm nhìn đến năm 2050 trên địa bàn tỉnh Hà Tĩnh',
    issuer: 'UBND tỉnh Hà Tĩnh',
    issuedOn: '2023-12-29',
    consolidator: 'Sở Tài nguyên và Môi trường',
    deadline: { kind: 'annual', day: 15, month: 12 },
    period: 'Năm',
    upwardDeadline: { kind: 'annual', day: 31, month: 12 },
    recipients: 'Bộ Tài nguyên và Môi trường; UBND tỉnh Hà Tĩnh',
    superiorBody: 'UBND tỉnh Hà Tĩnh',
    place: 'Hà Tĩnh',
    tasks: HT_TASKS,
    indicators: HT_INDICATORS.map(indicator),
    agencies,
  });
}
