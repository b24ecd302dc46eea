/**
 * manifest.xml: well-formed, a Workbook task pane with the ribbon button, its icons present at the right pixel
 * sizes, its URLs on the dev server's port, and rewritten to ADDIN_URL by the production build.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

const webpackConfig = require(path.join(ROOT, 'webpack.config.js')) as {
  (
    env: Record<string, unknown>,
    argv: { mode: string },
  ): Promise<
    {
      devServer?: { port: number };
      plugins: { patterns?: { from: string; transform?: (c: Buffer) => string }[] }[];
    }[]
  >;
  DEV_PORT: number;
  rewriteManifest(content: Buffer, url: string | null, mode?: string): string;
};

function parseStrict(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    // xmldom reports some malformations (an unclosed tag) only as warnings: all count
    errorHandler: (level: string, msg: string) => {
      errors.push(`${level}: ${msg}`);
    },
  }).parseFromString(xml, 'text/xml') as unknown as Document;
  if (errors.length) throw new Error(`manifest.xml is not well-formed: ${errors.join('; ')}`);
  return doc;
}

function all(doc: Document, tag: string): Element[] {
  return Array.from(doc.getElementsByTagName(tag) as unknown as ArrayLike<Element>);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  if (b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR')
    throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function urlsOf(xml: string): string[] {
  return [...xml.matchAll(/https?:\/\/[^"<\s]+/g)]
    .map((m) => m[0])
    .filter((u) => !u.startsWith('http://schemas.microsoft.com') && !u.startsWith('http://www.w3.org'));
}

test('manifest.xml is a well-formed Workbook task pane with a stable Id, both languages and the Home-tab button', () => {
  const doc = parseStrict(MANIFEST);
  const root = doc.documentElement;
  expect(root.tagName).toBe('OfficeApp');
  expect(root.getAttribute('xsi:type')).toBe('TaskPaneApp');
  expect(all(doc, 'Id')[0].textContent).toBe('01fb2bf5-7030-4f2a-b841-d170ee395196');
  expect(all(doc, 'Host')[0].getAttribute('Name')).toBe('Workbook');
  expect(all(doc, 'Permissions')[0].textContent).toBe('ReadWriteDocument');
  const name = all(doc, 'DisplayName')[0];
  expect(name.getAttribute('DefaultValue')).toBe('Tổng hợp báo cáo');
  expect(
    all(doc, 'Override').some(
      (o) => o.getAttribute('Locale') === 'en-US' && o.getAttribute('Value') === 'Report consolidation',
    ),
  ).toBe(true);
  expect(all(doc, 'OfficeTab')[0].getAttribute('id')).toBe('TabHome');
  const label = all(doc, 'bt:String').find((s) => s.getAttribute('id') === 'TaskpaneButton.Label')!;
  expect(label.getAttribute('DefaultValue')).toBe('Tổng hợp báo cáo');
  expect(all(doc, 'SourceLocation')[0].getAttribute('DefaultValue')).toBe('https://localhost:3000/taskpane.html');
});

test('the well-formedness check catches broken XML', () => {
  expect(() => parseStrict('<OfficeApp><Id></OfficeApp>')).toThrow(/not well-formed/);
  expect(() => parseStrict('<OfficeApp a="1" a="2"/>')).toThrow(/not well-formed/);
  expect(() => parseStrict(MANIFEST.replace('</DisplayName>', ''))).toThrow(/not well-formed/);
});

test('the icons exist with the pixel sizes the manifest and the store need', () => {
  for (const size of [16, 32, 64, 80, 128]) {
    expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`))).toEqual({ width: size, height: size });
  }
  const doc = parseStrict(MANIFEST);
  for (const img of all(doc, 'bt:Image').filter((i) => i.getAttribute('DefaultValue'))) {
    const size = Number(/Icon\.(\d+)x\1/.exec(img.getAttribute('id') ?? '')?.[1]);
    const url = new URL(img.getAttribute('DefaultValue')!);
    const { width } = pngSize(path.join(ROOT, url.pathname));
    expect(width).toBe(size);
  }
  for (const tag of ['IconUrl', 'HighResolutionIconUrl']) {
    const url = new URL(all(doc, tag)[0].getAttribute('DefaultValue')!);
    expect(pngSize(path.join(ROOT, url.pathname)).width).toBe(tag === 'IconUrl' ? 32 : 64);
  }
});

test('every URL is on the dev server port and names a file the build writes', async () => {
  const config = (await webpackConfig({}, { mode: 'development' }))[1];
  expect(config.devServer?.port).toBe(webpackConfig.DEV_PORT);
  // the CDN of office.js is an AppDomain (the pane's CSP allows scripts from it), not a file of ours
  const urls = urlsOf(MANIFEST).filter((u) => u !== 'https://appsforoffice.microsoft.com');
  expect(urls.length).toBeGreaterThan(8);
  const built = new Set(['/taskpane.html', '/help.html', ...[16, 32, 64, 80, 128].map((s) => `/assets/icon-${s}.png`)]);
  for (const u of urls) {
    const url = new URL(u);
    expect(url.origin).toBe(`https://localhost:${webpackConfig.DEV_PORT}`);
    if (url.pathname !== '/') expect(built).toContain(url.pathname);
  }
  expect(fs.existsSync(path.join(ROOT, 'src', 'taskpane', 'taskpane.html'))).toBe(true);
  expect(fs.existsSync(path.join(ROOT, 'src', 'taskpane', 'help.html'))).toBe(true);
});

test('the production build rewrites every URL to ADDIN_URL and stays well-formed', async () => {
  const saved = process.env.ADDIN_URL;
  process.env.ADDIN_URL = 'https://tonghop.example.gov.vn/addin';
  try {
    // the modern build (the second) copies the static files, the manifest among them
    const config = (await webpackConfig({}, { mode: 'production' }))[1];
    const copy = config.plugins.find((p) => Array.isArray(p.patterns))!;
    const pattern = copy.patterns!.find((p) => p.from === 'manifest.xml')!;
    const out = pattern.transform!(Buffer.from(MANIFEST));
    parseStrict(out);
    expect(out).not.toContain('localhost');
    // every URL on the add-in's server, but the CDN of office.js the pane's CSP allows (OFFICE_JS=cdn, the default)
    for (const u of urlsOf(out).filter((x) => x !== 'https://appsforoffice.microsoft.com'))
      expect(u.startsWith('https://tonghop.example.gov.vn')).toBe(true);
    expect(out).toContain('<SourceLocation DefaultValue="https://tonghop.example.gov.vn/addin/taskpane.html"/>');
    expect(out).toContain('<AppDomain>https://tonghop.example.gov.vn</AppDomain>');
    // without ADDIN_URL the manifest is copied as is; with office.js served locally, AppDomains name no CDN
    expect(webpackConfig.rewriteManifest(Buffer.from(MANIFEST), null)).toBe(MANIFEST);
    expect(webpackConfig.rewriteManifest(Buffer.from(MANIFEST), null, 'local')).not.toContain('appsforoffice');
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  }
  process.env.ADDIN_URL = 'http://insecure.example';
  await expect(webpackConfig({}, { mode: 'production' })).rejects.toThrow(/https/);
  delete process.env.ADDIN_URL;
});

describe('the manifest against the add-in manifest XML schemas (npm run validate)', () => {
  const { validate } = require(path.join(ROOT, 'scripts', 'validate-manifest.js')) as {
    validate(xml: string): Promise<string[]>;
  };

  test('manifest.xml is valid, and asks only ExcelApi 1.1 (Office 2016)', async () => {
    expect(await validate(MANIFEST)).toEqual([]);
    expect(MANIFEST).toContain('<Set Name="ExcelApi" MinVersion="1.1"/>');
  });

  test.each([
    ['no Id', (m: string) => m.replace(/<Id>[^<]*<\/Id>/, '')],
    [
      'Permissions before DefaultSettings',
      (m: string) =>
        m.replace(/(<DefaultSettings>[\s\S]*?<\/DefaultSettings>)\s*(<Permissions>[^<]*<\/Permissions>)/, '$2$1'),
    ],
    [
      'a display name over 125 characters',
      (m: string) => m.replace(/DisplayName DefaultValue="[^"]*"/, `DisplayName DefaultValue="${'x'.repeat(126)}"`),
    ],
    [
      'an http URL',
      (m: string) => m.replace('<SourceLocation DefaultValue="https://', '<SourceLocation DefaultValue="http://'),
    ],
    ['an unknown permission', (m: string) => m.replace('ReadWriteDocument', 'Everything')],
    ['a button without its action', (m: string) => m.replace(/<Action [\s\S]*?<\/Action>/, '')],
  ])('a manifest with %s is refused', async (_what, breakIt) => {
    const broken = breakIt(MANIFEST);
    expect(broken).not.toBe(MANIFEST);
    expect((await validate(broken)).length).toBeGreaterThan(0);
  });
});
