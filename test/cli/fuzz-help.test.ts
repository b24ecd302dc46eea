/** `npm run fuzz -- --help` prints the fuzzer's options instead of a stack trace; a wrong option says so, exit 2. */
import { cli } from '../../scripts/fuzz';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await cli(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

test('--help and -h print the usage, every option, and read no corpus', async () => {
  for (const flag of ['--help', '-h']) {
    const res = await run([flag]);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^Usage: npm run fuzz -- /);
    for (const o of ['--n', '--seed', '--budget', '--only', '--save', '--spin-on']) expect(res.out).toContain(o);
    expect(res.out).not.toContain('corpus of');
  }
});

test('an unknown option or a bad number: a one-line reason and the usage, exit 2', async () => {
  const unknown = await run(['--bogus']);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/^fuzz: Unknown option '--bogus'[\s\S]*Usage: npm run fuzz/);
  const bad = await run(['--n', 'many']);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/^fuzz: --n must be a whole number \(got "many"\)/);
  expect(bad.err).not.toMatch(/\bat .*\.ts:\d+/);
});
