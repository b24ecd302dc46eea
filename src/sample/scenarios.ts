/**
 * What each sample agency sends, and when: the scenarios of the two samples (on time, late, missing, messy).
 */
import { type FillOptions } from './fill';

export interface Scenario {
  code: string;
  /** days after the deadline the file arrives (negative = before). */
  offset: number;
  fileName?: string;
  fill?: Partial<FillOptions>;
  /** Bytes that are not a workbook at all. */
  notWorkbook?: boolean;
  /** Also send an earlier, superseded version `offset` days before (negative). */
  earlierVersion?: number;
  /** Send the same file twice under another name. */
  duplicateAs?: string;
}

export const SOC_TRANG_SCENARIOS: Scenario[] = [
  { code: 'ST-SYT', offset: -5, fill: { textNumbers: true } },
  { code: 'ST-SNV', offset: -8 },
  { code: 'ST-STP', offset: -2 },
  { code: 'ST-STC', offset: -1, duplicateAs: 'ST-STC - Copy.xlsx' },
  { code: 'ST-SXD', offset: -3, fill: { renameSheet: 'Sheet1' } },
  { code: 'ST-SCT', offset: 0 },
  { code: 'ST-SGTVT', offset: 3 },
  { code: 'ST-SKHDT', offset: -6 },
  { code: 'ST-SGDDT', offset: -10 },
  { code: 'ST-SKHCN', offset: -4 },
  { code: 'ST-STTTT', offset: -1 },
  { code: 'ST-SVHTTDL', offset: -7 },
  { code: 'ST-SLDTBXH', offset: 6 },
  { code: 'ST-SNNPTNT', offset: -9, earlierVersion: -14, fileName: 'ST-SNNPTNT (ban sua).xlsx' },
  { code: 'ST-BDT', offset: -2 },
  { code: 'ST-BQLDA2', offset: 1 },
  { code: 'ST-DPTTH', offset: -5 },
  { code: 'ST-BQLKCN', offset: -3 },
  { code: 'ST-HND', offset: 5 },
  { code: 'ST-HCCB', offset: -2, notWorkbook: true },
  { code: 'ST-HLHPN', offset: -1, fill: { badValues: true } },
  { code: 'ST-UBMTTQ', offset: -6 },
  { code: 'ST-TDTN', offset: -4 },
  { code: 'ST-TPST', offset: -3, fill: { dropMeta: true }, fileName: 'Bao cao DDSH - UBND TP Soc Trang.xlsx' },
  { code: 'ST-TXVC', offset: -2 },
  { code: 'ST-TXNN', offset: 10 },
  { code: 'ST-HKS', offset: -1, fill: { statusWithoutDiacritics: true } },
  { code: 'ST-HLP', offset: -5 },
  { code: 'ST-HMT', offset: 2 },
  { code: 'ST-HCT', offset: 0 },
  { code: 'ST-HTT', offset: -8 },
  { code: 'ST-HMX', offset: -3 },
];

export const HA_TINH_SCENARIOS: Scenario[] = [
  { code: 'HT-UBMTTQ', offset: -5 },
  { code: 'HT-HND', offset: -2 },
  { code: 'HT-HLHPN', offset: 3 },
  { code: 'HT-TD', offset: -1 },
  { code: 'HT-SNNPTNT', offset: -7, fill: { textNumbers: true } },
  { code: 'HT-SKHDT', offset: 0 },
  { code: 'HT-STC', offset: -3 },
  { code: 'HT-SGDDT', offset: 4 },
  { code: 'HT-VQGVQ', offset: -6 },
  { code: 'HT-KBTKG', offset: -2, fill: { renameSheet: 'BC 2024' } },
  { code: 'HT-RPHHL', offset: 1 },
  { code: 'HT-RPHNHT', offset: -4 },
  { code: 'HT-TPHT', offset: -3 },
  { code: 'HT-TXHL', offset: -1, fill: { statusWithoutDiacritics: true } },
  { code: 'HT-TXKA', offset: 2 },
  { code: 'HT-HHS', offset: -5 },
  { code: 'HT-HDT', offset: -2 },
  { code: 'HT-HNX', offset: -8 },
  { code: 'HT-HCL', offset: 7 },
  { code: 'HT-HTH', offset: -1 },
  { code: 'HT-HCX', offset: -4 },
  { code: 'HT-HLH', offset: -6 },
];
