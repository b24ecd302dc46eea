/**
 * The Node.js versions tonghop supports are the ones package.json's `engines` names (and the README repeats): each
 * of them satisfies every dependency's own `engines` in package-lock.json, so `npm install` prints no EBADENGINE on
 * any of them (docx's nanoid is held at 5 by `overrides` for this: nanoid 6 declares Node 22), and the Node running
 * the tests is one of them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import semver from 'semver';
import { z } from 'zod';

const ROOT = path.join(__dirname, '../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

const pkg = z
  .object({
    engines: z.object({ node: z.string() }),
    devDependencies: z.record(z.string(), z.string()),
  })
  .parse(readJson('package.json'));
const lock = z
  .object({
    packages: z.record(
      z.string(),
      // a few old packages still write engines as an array of strings, which npm does not check
      z.object({
        version: z.string().optional(),
        engines: z.union([z.record(z.string(), z.string()), z.array(z.string())]).optional(),
      }),
    ),
  })
  .parse(readJson('package-lock.json'));

const SUPPORTED = pkg.engines.node;

test('the engines range is a valid range and the Node running the tests is in it', () => {
  expect(semver.validRange(SUPPORTED)).not.toBeNull();
  expect([process.version, semver.satisfies(process.version, SUPPORTED)]).toEqual([process.version, true]);
});

test('every dependency in the lock accepts every supported Node (no EBADENGINE at install)', () => {
  const refusing = Object.entries(lock.packages).flatMap(([key, p]) => {
    const wanted = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
    if (key === '' || wanted === undefined || semver.subset(SUPPORTED, wanted)) return [];
    return [`${key.replace(/^.*node_modules\//, '')}@${p.version ?? '?'} wants Node ${wanted}`];
  });
  expect(refusing).toEqual([]);
});

test("Node's type definitions are those of the oldest supported Node, so no newer API slips in", () => {
  const oldest = semver.minVersion(SUPPORTED)!;
  const types = semver.minVersion(pkg.devDependencies['@types/node'])!;
  expect(types.major).toBe(oldest.major);
});

test('the lock records the same engines as package.json', () => {
  expect(lock.packages['']?.engines).toEqual(pkg.engines);
});
