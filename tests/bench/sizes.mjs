// File sizes as the benchmarks report them: raw, gzip -9 and brotli quality 11 (node's zlib).
// Shared by run.mjs (dist/ against the budget) and scripts/size-floor (the floor beside dist/).
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export function fileSize(file) {
  const data = readFileSync(file);
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
}
