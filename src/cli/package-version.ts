import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import { findPackageRoot } from '../fleet/package-root.js';

const PackageJsonCodec = t.type({ version: t.string });

/** The `version` of the installed syncprims package (from its package.json), or `unknown`. */
export function packageVersion(): string {
  try {
    const decoded = PackageJsonCodec.decode(JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')));
    return isRight(decoded) ? decoded.right.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
