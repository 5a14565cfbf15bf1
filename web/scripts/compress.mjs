// After `vite build`: a gzipped copy (X.gz) beside every text file worth it,
// made once here at the best level, so the engine sends it to browsers that
// accept gzip without compressing anything per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants, gzipSync } from 'node:zlib'
import { outDir } from './out-dir.mjs'

const kText = /\.(html|js|mjs|css|svg|json|txt|map)$/
const kMinBytes = 256 // smaller files gain nothing worth a second copy

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

let count = 0
for (const path of files(outDir)) {
  if (!kText.test(path)) continue
  const plain = readFileSync(path)
  if (plain.length < kMinBytes) continue
  const gz = gzipSync(plain, { level: constants.Z_BEST_COMPRESSION })
  if (gz.length >= plain.length) continue
  writeFileSync(`${path}.gz`, gz)
  count += 1
}
console.log(`compress: wrote ${count} .gz files in ${outDir}`)
