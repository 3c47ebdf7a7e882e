import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Readers of just enough of the SPSS and Stata formats to check what R's packages do not show
 * (SPSS measurement levels, the records present, Stata's section map), written from the format
 * descriptions independently of src/exports' writers.
 */

export interface SavDictionary {
  caseCount: number;
  caseElements: number;
  /** Variable records in order: short name, type (0 number, width for text, -1 continuation). */
  records: { shortName: string; type: number; label: string | null; missing: number[] }[];
  /** Record 7 subtypes present, with their raw data. */
  extensions: Map<number, Buffer>;
  /** Long name per variable (7/13), in dictionary order of first segments. */
  longNames: Map<string, string>;
  /** Measurement level per dictionary variable (segments count separately), 1 nominal, 2 ordinal, 3 scale. */
  measures: number[];
}

export function readSavDictionary(file: Buffer): SavDictionary {
  if (file.toString('latin1', 0, 4) !== '$FL2') throw new Error('not a .sav file');
  const result: SavDictionary = { caseCount: file.readInt32LE(80), caseElements: file.readInt32LE(68), records: [], extensions: new Map(), longNames: new Map(), measures: [] };
  let at = 176;
  for (;;) {
    const recordType = file.readInt32LE(at);
    at += 4;
    if (recordType === 2) {
      const type = file.readInt32LE(at);
      const hasLabel = file.readInt32LE(at + 4);
      const missingCount = file.readInt32LE(at + 8);
      const shortName = file.toString('latin1', at + 20, at + 28).trimEnd();
      at += 28;
      let label: string | null = null;
      if (hasLabel) {
        const length = file.readInt32LE(at);
        label = file.toString('utf8', at + 4, at + 4 + length);
        at += 4 + Math.ceil(length / 4) * 4;
      }
      const missing: number[] = [];
      for (let i = 0; i < Math.abs(missingCount); i++) missing.push(file.readDoubleLE(at + 8 * i));
      at += 8 * Math.abs(missingCount);
      result.records.push({ shortName, type, label, missing });
    } else if (recordType === 3) {
      const count = file.readInt32LE(at);
      at += 4;
      for (let i = 0; i < count; i++) at += 8 + Math.ceil((file.readUInt8(at + 8) + 1) / 8) * 8;
      if (file.readInt32LE(at) !== 4) throw new Error('record 3 not followed by record 4');
      at += 8 + 4 * file.readInt32LE(at + 4);
    } else if (recordType === 7) {
      const subtype = file.readInt32LE(at);
      const size = file.readInt32LE(at + 4) * file.readInt32LE(at + 8);
      result.extensions.set(subtype, file.subarray(at + 12, at + 12 + size));
      at += 12 + size;
    } else if (recordType === 999) {
      break;
    } else {
      throw new Error(`unexpected record type ${recordType} at ${at - 4}`);
    }
  }
  const display = result.extensions.get(11);
  if (display) for (let i = 0; i < display.length; i += 12) result.measures.push(display.readInt32LE(i));
  for (const pair of (result.extensions.get(13)?.toString('utf8') ?? '').split('\t').filter(Boolean)) {
    const [short, long] = pair.split('=');
    result.longNames.set(short!, long!);
  }
  return result;
}

/** The Stata 118 section map: the offsets of the 14 sections, each of which must start with its tag. */
export function readDtaMap(file: Buffer): { release: string; K: number; N: number; offsets: number[] } {
  const release = file.toString('latin1', 28, 31);
  const K = file.readUInt16LE(file.indexOf('<K>') + 3);
  const N = Number(file.readBigUInt64LE(file.indexOf('<N>') + 3));
  const mapAt = file.indexOf('<map>') + 5;
  const offsets = Array.from({ length: 14 }, (_, i) => Number(file.readBigUInt64LE(mapAt + 8 * i)));
  return { release, K, N, offsets };
}

export const rscript = ['/usr/bin/Rscript', '/usr/local/bin/Rscript'].find((candidate) => fs.existsSync(candidate));

/** Runs R code (with the working directory `dir`), or skips the test when R is missing outside CI. */
export function runR(context: Mocha.Context, dir: string, code: string): string {
  if (!rscript) {
    if (process.env.CI) throw new Error('Rscript is required in CI (apt-get install r-base-core r-cran-haven r-cran-foreign)');
    context.skip();
  }
  fs.writeFileSync(`${dir}/check.R`, code);
  return execFileSync(rscript!, ['check.R'], { cwd: dir, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * R code that reads a .sav (haven and foreign) or .dta (haven) into `values.csv` (each cell as
 * text; Stata's extended missing as "NA(a)") and `meta.tsv` (per variable: reader, name, label,
 * value labels "code=label|…", user-missing codes "9|…").
 */
export const R_DUMP = `
suppressPackageStartupMessages({ library(haven) })
cell <- function(x) {
  if (is.numeric(x)) {
    tags <- if (inherits(x, "haven_labelled")) na_tag(x) else rep(NA_character_, length(x))
    raw <- unclass(x)
    out <- ifelse(is.na(raw), "", format(raw, digits = 15, scientific = FALSE, trim = TRUE))
    ifelse(!is.na(tags), paste0("NA(", tags, ")"), out)
  } else ifelse(is.na(x), "", as.character(x))
}
labels_of <- function(l) if (is.null(l)) "" else paste0(ifelse(is.na(na_tag(l)), format(unclass(l), trim = TRUE), paste0("NA(", na_tag(l), ")")), "=", names(l), collapse = "|")
dump <- function(d, reader, file) {
  write.csv(as.data.frame(lapply(d, cell), check.names = FALSE, stringsAsFactors = FALSE), paste0(reader, "-values.csv"), row.names = FALSE, fileEncoding = "UTF-8")
  meta <- data.frame(reader = reader, name = names(d),
    label = vapply(d, function(x) { l <- attr(x, "label"); if (is.null(l)) "" else l }, ""),
    labels = vapply(d, function(x) labels_of(attr(x, "labels")), ""),
    missing = vapply(d, function(x) { m <- attr(x, "na_values"); if (is.null(m)) "" else paste(m, collapse = "|") }, ""))
  write.table(meta, paste0(reader, "-meta.tsv"), sep = "\\t", quote = FALSE, row.names = FALSE, fileEncoding = "UTF-8")
}
`;

/** A cell R wrote as text, compared with the CSV's value: numbers as numbers, empty as "". */
export function cellMatches(actual: string | undefined, expected: string | number | null): boolean {
  if (typeof expected === 'number') return actual !== undefined && actual !== '' && Number(actual) === expected;
  return actual === (expected ?? '');
}
