import { newFiles } from '../../src/taskpane/steps/file-keys';

interface Picked {
  name: string;
  size: number;
  time: number;
}
const timeOf = (f: Picked) => f.time;
const picked = (name: string, size = 100, time = 1_700_000_000_000): Picked => ({ name, size, time });

describe('newFiles: which picked files join the list', () => {
  test('1,000 files picked with 3 picked twice and 2 already listed: 998 new lines, in order', () => {
    const files: Picked[] = [];
    for (let i = 0; i < 1000; i++) files.push(picked(`ST-${i}.xlsx`, 1000 + i));
    const again = [files[10], files[500], files[999]].map((f) => ({ ...f }));
    const listed = [files[3], files[4]].map((f) => ({ name: f.name, size: f.size, modified: f.time }));
    const out = newFiles(listed, [...files, ...again], timeOf);
    expect(out).toHaveLength(1000 - 2);
    expect(out.map((x) => x.file.name)).toEqual(files.filter((_, i) => i !== 3 && i !== 4).map((f) => f.name));
  });

  test('the same name is another file when its size or time differs', () => {
    const listed = [{ name: 'a.xlsx', size: 100, modified: 5 }];
    const out = newFiles(
      listed,
      [picked('a.xlsx', 101, 5), picked('a.xlsx', 100, 6), picked('a.xlsx', 100, 5)],
      timeOf,
    );
    expect(out.map((x) => [x.file.size, x.modified])).toEqual([
      [101, 5],
      [100, 6],
    ]);
  });

  test('a file whose time is unknown is never taken for another (kept as before)', () => {
    const listed = [{ name: 'a.xlsx', size: 100, modified: null }];
    const out = newFiles(listed, [picked('a.xlsx', 100, NaN), picked('a.xlsx', 100, NaN)], timeOf);
    expect(out).toHaveLength(2);
    expect(isNaN(out[0].modified)).toBe(true);
  });

  test('names that differ only past a separator are not confused with size or time', () => {
    const out = newFiles([{ name: '1:2', size: 3, modified: 4 }], [picked('2', 3, 4), picked('1:2', 3, 4)], timeOf);
    expect(out.map((x) => x.file.name)).toEqual(['2']);
  });
});
