/**
 * Run by test/faults/child.test.ts inside its own mount namespace (`unshare -r -m`, which needs no root): a real
 * 256 KB tmpfs is mounted at the folder given, the previous outputs written there, the disk filled to about 16 KB
 * free, then the CLI runs and what the folder holds before and after is printed as JSON. The namespace, and with it
 * the tmpfs, ends with this process: nothing to unmount, nothing left on the machine.
 *
 * Usage: node disk-full.run.js <folder> <compiled cli main.js> <cli arguments…>
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const [mnt, main, ...args] = process.argv.slice(2);
execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt]);

const files = () =>
  Object.fromEntries(
    fs
      .readdirSync(mnt)
      .filter((n) => n !== 'filler')
      .map((n) => {
        const p = path.join(mnt, n);
        if (!fs.lstatSync(p).isFile()) return [n, 'not a file'];
        return [n, createHash('sha256').update(fs.readFileSync(p)).digest('hex')];
      }),
  );

fs.writeFileSync(path.join(mnt, 'tong-hop.xlsx'), 'kết quả lần trước (xlsx)');
fs.writeFileSync(path.join(mnt, 'tong-hop.json'), '{"lần": "trước"}\n');
const before = files();
const avail = () => {
  const out = execFileSync('df', ['-B1', '--output=avail', mnt]).toString().trim().split('\n').pop();
  return Number(out);
};
fs.writeFileSync(path.join(mnt, 'filler'), Buffer.alloc(Math.max(0, avail() - 16 * 1024)));
const freeBefore = avail();

const script = `require(${JSON.stringify(main)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 2; });`;
const run = spawnSync(process.execPath, ['-e', script, ...args], { encoding: 'utf8' });

process.stdout.write(
  JSON.stringify({
    freeBefore,
    before,
    after: files(),
    code: run.status,
    err: run.stderr,
    mountedHere: fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${mnt} `),
  }),
);
