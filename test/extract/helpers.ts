/**
 * Shared by the extract-plan tests: pdfjs-dist loaded with Node's own require (jest's module loader cannot
 * load ES modules without --experimental-vm-modules; Node ≥ 20.19 loads them synchronously), the fixtures
 * and the hand-written expected plans.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PdfjsLike, PdfjsLoader } from '../../src/core/extract';

// jest replaces `require('node:module').createRequire` with its own loader; process.getBuiltinModule
// (Node ≥ 20.16) gives Node's real one, which can require() an ES module.
const nodeModule = process.getBuiltinModule('node:module') as typeof import('node:module');
const nodeRequire = nodeModule.createRequire(__filename);

/** The tests' door to pdfjs-dist (passed to extractPlanDocument as `pdfjs`). */
export const pdfjs: PdfjsLoader = async () => nodeRequire('pdfjs-dist/legacy/build/pdf.mjs') as PdfjsLike;

export const SEEDS_DIR = path.join(__dirname, '..', 'fixtures', 'seeds');
export const EXPECTED_DIR = path.join(__dirname, 'expected');

export const SEEDS = [
  'soc-trang-ngay-da-dang-sinh-hoc-2024',
  'ha-tinh-trien-khai-ke-hoach-588-da-dang-sinh-hoc',
  'lang-son-thang-hanh-dong-moi-truong-2024',
  'bac-kan-van-phong-moi-truong-2024',
] as const;

export const INVENTED = 'invented-dong-hai-kiem-ke-nguon-thai-2025';
/** A provincial people's committee plan of our own invention, typed like the seeds (plain text). */
export const INVENTED_UBND = 'invented-binh-son-chat-thai-ran-2024';

export interface ExpectedDeadline {
  rule: { kind: 'fixed'; date: string } | { kind: 'annual'; day: number; month: number };
  needsReview: boolean;
}

export interface ExpectedPlan {
  number: string | null;
  numberPlaceholder: string | null;
  issuedOn: string | null;
  place: string;
  issuer: string;
  superiorBody: string | null;
  title: string;
  consolidator: string;
  recipients: string | null;
  deadline: ExpectedDeadline | null;
  deadlinePlaceholder?: ExpectedDeadline['rule'];
  upwardDeadline: ExpectedDeadline | null;
  sections: string[];
  tasks: { code: string; title: string; section: string; lead: string }[];
  agencies: { name: string; group: boolean; kind: string }[];
}

export function expected(name: string): ExpectedPlan {
  return JSON.parse(readFileSync(path.join(EXPECTED_DIR, `${name}.json`), 'utf8')) as ExpectedPlan;
}

export function fixture(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SEEDS_DIR, file)));
}
