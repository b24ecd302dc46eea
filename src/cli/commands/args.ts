/**
 * One argument parser for every command: Vietnamese messages for unknown or malformed options, `--help` for each
 * command, dates typed as yyyy-mm-dd or dd/mm/yyyy (impossible dates refused), text from files printed safely.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type IsoDate, parseDateArgument } from '../../core';
import { CliError } from '../errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec<T extends OptionSpec> {
  /** The command's name as typed: "consolidate". */
  name: string;
  /** One line: how to call it. */
  usage: string;
  /** The command's part of the help. */
  help: string;
  options: T;
  /** How many positionals: exact, or [min, max]. */
  positionals: number | [number, number];
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

function optionList(options: OptionSpec): string {
  return Object.entries(options)
    .map(([k, o]) => (o.short ? `-${o.short}/--${k}` : `--${k}`))
    .join(', ');
}

function plainParseError(e: unknown, spec: CommandSpec<OptionSpec>): CliError {
  const code = (e as { code?: string }).code;
  const msg = e instanceof Error ? e.message : String(e);
  const option = /'(-{1,2}[^'\s]+)/.exec(msg)?.[1] ?? '';
  const see = `Xem "tonghop ${spec.name} --help".`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const list = optionList(spec.options);
    return new CliError(
      `Tùy chọn không có: "${escapeControl(option)}". Lệnh "${spec.name}" nhận: ${list || '(không có tùy chọn)'}. ${see}`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const expectsValue = /argument missing|<value>/.test(msg);
    return new CliError(
      expectsValue
        ? `Tùy chọn ${escapeControl(option)} cần một giá trị đi sau (ví dụ ${escapeControl(option)} giá-trị). ${see}`
        : `Tùy chọn ${escapeControl(option)} không nhận giá trị. ${see}`,
    );
  }
  return new CliError(`Tham số không hợp lệ. Cách dùng: ${spec.usage}\n${see}`);
}

/**
 * Parses a command's arguments; returns null after printing the command's help when `--help`/`-h` is given.
 * Throws CliError (Vietnamese) for an unknown option, a missing value, too few or too many positionals.
 */
export function parseCommand<T extends OptionSpec>(argv: string[], spec: CommandSpec<T>) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...spec.options, ...HELP_OPTION },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw plainParseError(e, spec);
  }
  if ((parsed.values as Record<string, unknown>).help) {
    console.log(`Cách dùng:\n${spec.help}`);
    return null;
  }
  const [min, max] = typeof spec.positionals === 'number' ? [spec.positionals, spec.positionals] : spec.positionals;
  const n = parsed.positionals.length;
  if (n < min) throw new CliError(`Thiếu tham số. Cách dùng: ${spec.usage}\nXem "tonghop ${spec.name} --help".`);
  if (n > max) {
    const extra = parsed.positionals.slice(max).map(escapeControl).join(' ');
    throw new CliError(
      `Thừa tham số: ${extra}. Cách dùng: ${spec.usage}\n(Tên có dấu cách phải đặt trong ngoặc kép.) Xem "tonghop ${spec.name} --help".`,
    );
  }
  return parsed as { values: Record<string, unknown>; positionals: string[] };
}

/** A date option (`--as-of`, `--date`, `--new-deadline` …): yyyy-mm-dd or dd/mm/yyyy, a day that exists. */
export function dateOption(name: string, value: unknown): IsoDate | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const parsed = parseDateArgument(text);
  if (!parsed)
    throw new CliError(
      `--${name} phải là một ngày có thật, dạng dd/mm/yyyy hoặc yyyy-mm-dd, ví dụ 15/07/2024 (nhận được "${escapeControl(text)}").`,
    );
  return parsed;
}

/** A text option's value, or undefined. */
export function textOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Text that came from a file or a file name, safe to print on a terminal: control characters (escape sequences,
 * carriage returns, bidi overrides) shown as \u{..} instead of acting on the terminal.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\u{${c.codePointAt(0)!.toString(16)}}`;
  });
}

/** `--period`: a year (2025), checked before any file is read; null when not given. */
export function periodOption(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= 1900 && year <= 2200))
    throw new CliError(
      `--period phải là năm của kỳ báo cáo, 4 chữ số, ví dụ --period 2025 (nhận được "${escapeControl(String(value))}").`,
    );
  return text;
}

/** Node's English parse errors, from parsers elsewhere, said in Vietnamese. */
export function vietnameseParseError(message: string, command: string): string | null {
  const see = `Xem "tonghop ${command} --help".`;
  let m = /Unknown option '([^']+)'/.exec(message);
  if (m) return `Tùy chọn không có: "${escapeControl(m[1])}" cho lệnh "${command}". ${see}`;
  m = /Option '(-[^' ]+)[^']*' argument missing/.exec(message);
  if (m) return `Tùy chọn ${escapeControl(m[1])} cần một giá trị đi sau. ${see}`;
  m = /Option '(-[^' ]+)[^']*' does not take an argument/.exec(message);
  if (m) return `Tùy chọn ${escapeControl(m[1])} không nhận giá trị. ${see}`;
  return null;
}

/** The option as the user typed it: `--output` when that is how it was given, else the short form (`-o`). */
export function typedFlag(argv: string[], long: string, short?: string): string {
  if (!short) return `--${long}`;
  return argv.some((a) => a === `--${long}` || a.startsWith(`--${long}=`)) ? `--${long}` : `-${short}`;
}

/** `--workers`: a whole number from 1 to 64, or undefined (automatic). */
export function workersOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const n = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 64))
    throw new CliError(`--workers phải là số nguyên từ 1 đến 64 (nhận được "${escapeControl(String(value))}").`);
  return n;
}
