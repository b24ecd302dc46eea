import {
  convertLegacyText,
  convertLegacyTexts,
  detectLegacyEncoding,
  fromLegacyText,
} from '../../src/core/intake/legacy-fonts';
import * as iconv from 'iconv-lite';

// Expected codes produced by the independent Python encoder scripts/fixtures/legacy_encodings.py (run once, pasted).
const LOWER = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
const LOWER_TCVN3 = 'aµ¸¶·¹¨»¾¼½Æ©ÇÊÈÉËeÌÐÎÏÑªÒÕÓÔÖi×ÝØÜÞoßãáâä«åèæçé¬êíëìîuïóñòô\u00adõøö÷ùyúýûüþ®';
const LOWER_VNI =
  'aaøaùaûaõaïaêaèaéaúaüaëaâaàaáaåaãaäeeøeùeûeõeïeâeàeáeåeãeäiìíæóòooøoùoûoõoïoâoàoáoåoãoäôôøôùôûôõôïuuøuùuûuõuïööøöùöûöõöïyyøyùyûyõîñ';
const UPPER_VNI =
  'AAØAÙAÛAÕAÏAÊAÈAÉAÚAÜAËAÂAÀAÁAÅAÃAÄEEØEÙEÛEÕEÏEÂEÀEÁEÅEÃEÄIÌÍÆÓÒOOØOÙOÛOÕOÏOÂOÀOÁOÅOÃOÄÔÔØÔÙÔÛÔÕÔÏUUØUÙUÛUÕUÏÖÖØÖÙÖÛÖÕÖÏYYØYÙYÛYÕÎÑ';

const PHRASES: [string, string, string][] = [
  ['Trường Đại học', 'Tr\u00adêng §¹i häc', 'Tröôøng Ñaïi hoïc'],
  ['Sở Giáo dục và Đào tạo', 'Së Gi¸o dôc vµ §µo t¹o', 'Sôû Giaùo duïc vaø Ñaøo taïo'],
  ['được', '®\u00adîc', 'ñöôïc'],
  ['Khối lượng rác thu gom', 'Khèi l\u00adîng r¸c thu gom', 'Khoái löôïng raùc thu gom'],
  ['Đã hoàn thành', '§· hoµn thµnh', 'Ñaõ hoaøn thaønh'],
  ['Mã nhiệm vụ', 'M· nhiÖm vô', 'Maõ nhieäm vuï'],
  ['Tình trạng', 'T×nh tr¹ng', 'Tình traïng'],
  ['Kết quả thực hiện', 'KÕt qu¶ thùc hiÖn', 'Keát quaû thöïc hieän'],
  ['quốc', 'quèc', 'quoác'],
  ['người', 'ng\u00adêi', 'ngöôøi'],
];

describe('TCVN3 (ABC) and VNI text is recognised and converted to Unicode', () => {
  test('the example of the issue: "Së Y tÕ" (TCVN3) and "Sôû Y teá" (VNI) are Sở Y tế', () => {
    expect(fromLegacyText('Së Y tÕ')).toEqual({ text: 'Sở Y tế', encoding: 'tcvn3' });
    expect(fromLegacyText('Sôû Y teá')).toEqual({ text: 'Sở Y tế', encoding: 'vni' });
  });

  test('every toned lower-case letter, both charts', () => {
    expect(convertLegacyText(LOWER_TCVN3, 'tcvn3')).toBe(LOWER);
    expect(convertLegacyText(LOWER_VNI, 'vni')).toBe(LOWER);
    expect(convertLegacyText(UPPER_VNI, 'vni')).toBe(LOWER.toUpperCase());
  });

  test('TCVN3 capitals with codes of their own, and text typed in a capitals font with Caps Lock', () => {
    expect(convertLegacyText('¡¢£¤¥¦§', 'tcvn3')).toBe('ĂÂÊÔƠƯĐ');
    expect(fromLegacyText('UBND HUYÖN CAO LéC')?.text).toBe('UBND HUYỆN CAO LỘC');
  });

  test.each(PHRASES)('%s: converted in a sheet typed in TCVN3, and in one typed in VNI', (unicode, tcvn3, vni) => {
    const inTcvn3 = convertLegacyTexts(['Së Y tÕ', tcvn3, 'abc']);
    expect(inTcvn3).toEqual({ encoding: 'tcvn3', converted: ['Sở Y tế', unicode, null] });
    const inVni = convertLegacyTexts(['Sôû Y teá', vni, 'abc']);
    expect(inVni).toEqual({ encoding: 'vni', converted: ['Sở Y tế', unicode, null] });
  });

  test('a cell that could be Unicode ("quèc", "ñi") is only converted when its sheet is in a legacy encoding', () => {
    expect(detectLegacyEncoding('quèc')).toBeNull();
    expect(convertLegacyTexts(['quèc', 'Sở Y tế']).converted).toEqual([null, null]);
    expect(convertLegacyTexts(['quèc', 'KÕt qu¶']).converted).toEqual(['quốc', 'Kết quả']);
    expect(convertLegacyTexts(['ñi', 'Keát quaû']).converted).toEqual(['đi', 'Kết quả']);
    // VNI text whose characters are all Unicode Vietnamese letters too: converted because the sheet is VNI
    expect(convertLegacyTexts(['Soá caây xanh troàng môùi (caây)', 'Sôû Y teá']).converted).toEqual([
      'Số cây xanh trồng mới (cây)',
      'Sở Y tế',
    ]);
    expect(convertLegacyTexts(['Soá caây xanh troàng môùi (caây)', 'Sở Y tế']).converted).toEqual([null, null]);
  });

  test('a sheet of Unicode text is left as it is', () => {
    expect(convertLegacyTexts(['HOÀN THÀNH', 'Sở Y tế', 'café', '«abc»', '25 °C'])).toEqual({
      encoding: null,
      converted: [null, null, null, null, null],
    });
  });

  test('ordinary text is left alone: Unicode Vietnamese, capitals, French quotes, signs', () => {
    for (const text of [
      'Sở Y tế',
      'CÔNG AN TỈNH',
      'CÔNG AN',
      'Đã hoàn thành',
      'café crème',
      '«Ngày Môi trường thế giới»',
      '«abc»',
      '2 × 3 m',
      '25 °C',
      '© 2024',
      'Nguyễn Văn A',
      'HOÀN THÀNH',
      '',
      'abc',
    ]) {
      expect([text, detectLegacyEncoding(text)]).toEqual([text, null]);
    }
  });

  test('"Uû ban nh©n d©n" (ủy in TCVN3 looks like a VNI pair) is still TCVN3', () => {
    expect(fromLegacyText('Uû ban nh©n d©n')).toEqual({ text: 'Uỷ ban nhân dân', encoding: 'tcvn3' });
  });
});

// iconv-lite's `tcvn` code page is TCVN 5712:1993 VN1 (both cases, with capitals on C0/C1 control positions and in
// 0xAF–0xFF). TCVN3 (ABC fonts, VN3) is its lower-case subset. Our chart is checked against it code by code; it is not
// used to decode because VN1 turns Latin-1 signs a TCVN3 text really holds (°, ±, ², À …) into capitals and
// combining marks, and because it would bring a Buffer polyfill and iconv-lite's tables into the pane.
describe('the TCVN3 chart against iconv-lite (an independent implementation of TCVN 5712)', () => {
  const vn1 = iconv.decode(Buffer.from(Uint8Array.from({ length: 256 }, (_, i) => i)), 'tcvn');
  const tcvn3Codes = [...(LOWER_TCVN3 + '¡¢£¤¥¦§')].filter((ch) => ch >= '\u00a1');

  test('every TCVN3 code decodes as iconv-lite decodes it', () => {
    expect(tcvn3Codes).toHaveLength(67 + 7); // the 67 toned and modified lower-case letters, 7 capitals
    const differ = tcvn3Codes.filter((ch) => convertLegacyText(ch, 'tcvn3') !== vn1[ch.charCodeAt(0)]);
    expect(differ).toEqual([]);
  });

  test('where VN1 and TCVN3 part: a degree sign in a TCVN3 sheet stays a degree sign', () => {
    expect(vn1[0xb0]).toBe('\u0300'); // VN1: combining grave accent
    expect(convertLegacyText('NhiÖt ®é trung b×nh 25°C', 'tcvn3')).toBe('Nhiệt độ trung bình 25°C');
  });
});
