#!/usr/bin/env node
/**
 * manifest.xml against the add-in manifest XML schemas (test/excel/schemas/, see its README), with xmllint compiled
 * to WebAssembly (xmllint-wasm): no system package, no network. Exits 1 and prints xmllint's errors when invalid.
 *
 *   node scripts/validate-manifest.js [manifest.xml]
 */
const fs = require('fs');
const path = require('path');

const SCHEMAS = path.join(__dirname, '..', 'test', 'excel', 'schemas');

async function validate(xml, fileName = 'manifest.xml') {
  const { validateXML } = require('xmllint-wasm');
  const read = (dir, f) => ({ fileName: f, contents: fs.readFileSync(path.join(dir, f), 'utf8') });
  const sets = [['manifest.xsd', ['basic-types.xsd', 'version-overrides.xsd'], SCHEMAS]];
  const official = path.join(SCHEMAS, 'official');
  if (fs.existsSync(path.join(official, 'OfficeAppManifestV1_1.xsd')))
    sets.push([
      'OfficeAppManifestV1_1.xsd',
      ['OfficeAppBasicTypesV1_0.xsd', 'TaskPaneAppVersionOverridesV1_0.xsd'],
      official,
    ]);
  const errors = [];
  for (const [main, preload, dir] of sets) {
    const r = await validateXML({
      xml: [{ fileName, contents: xml }],
      schema: [read(dir, main)],
      preload: preload.map((f) => read(dir, f)),
    });
    if (!r.valid) errors.push(...r.errors.map((e) => `${main}: ${e.rawMessage ?? e.message ?? JSON.stringify(e)}`));
  }
  return errors;
}

module.exports = { validate };

if (require.main === module) {
  const file = process.argv[2] ?? path.join(__dirname, '..', 'manifest.xml');
  validate(fs.readFileSync(file, 'utf8'), path.basename(file)).then(
    (errors) => {
      if (errors.length) {
        console.error(`${file} is not valid:\n  ${errors.join('\n  ')}`);
        process.exit(1);
      }
      console.log(`${file} is valid against the add-in manifest schemas.`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
