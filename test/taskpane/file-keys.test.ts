import { newFiles } from '../../src/taskpane/steps/file-keys';

interface Picked {
  name: string;
  size: number;
  time: number;
}
interface Listed {
  name: string;
  size: number;
  modified: number | null;
}
const picked = (name: string, size = 100, time = 1_700_000_000_000): Picked => ({ name, size, time });
const listedOf = (f: Picked): Listed => ({ name: f.name, size: f.size, modified: f.time });

/** newFiles with the times asked counted. */
function run(listed: Listed[], files: Picked[]) {
  let asked = 0;
  const out = newFiles(
    listed,
    (l) => (asked++, { size: l.size, time: l.modified }),
    files,
    (f) => (asked++, { size: f.size, time: f.time }),
  );
  return { out, asked };
}

describe('newFiles: which picked files join the list', () => {
  test('1,000 files picked with 3 picked twice and 2 already listed: 998 new lines, in order', () => {
    const files: Picked[] = [];
    for (let i = 0; i < 1000; i++) files.push(picked(`ST-${i}.xlsx`, 1000 + i));
    const again = [files[10], files[500], files[999]].map((f) => ({ ...f }));
    const { out, asked } = run([files[3], files[4]].map(listedOf), [...files, ...again]);
    expect(out).toHaveLength(1000 - 2);
    expect(out.map((x) => x.name)).toEqual(files.filter((_, i) => i !== 3 && i !== 4).map((f) => f.name));
    // sizes and times asked only where a name meets another: 2 listed, 3 picked twice (each side once)
    expect(asked).toBe(2 * 2 + 3 * 2);
  });

  test('the same name is another file when its size or time differs', () => {
    const listed = [{ name: 'a.xlsx', size: 100, modified: 5 }];
    const { out } = run(listed, [picked('a.xlsx', 101, 5), picked('a.xlsx', 100, 6), picked('a.xlsx', 100, 5)]);
    expect(out.map((x) => [x.size, x.time])).toEqual([
      [101, 5],
      [100, 6],
    ]);
  });

  test('a file whose time is unknown is never taken for another (kept as before)', () => {
    const listed = [{ name: 'a.xlsx', size: 100, modified: null }];
    const { out } = run(listed, [picked('a.xlsx', 100, NaN), picked('a.xlsx', 100, NaN), picked('a.xlsx', 100, 7)]);
    expect(out).toHaveLength(3);
  });

  test('files of other names are never asked their size or time', () => {
    const { out, asked } = run([{ name: 'a.xlsx', size: 3, modified: 4 }], [picked('b.xlsx'), picked('c.xlsx')]);
    expect(out.map((x) => x.name)).toEqual(['b.xlsx', 'c.xlsx']);
    expect(asked).toBe(0);
  });
});
