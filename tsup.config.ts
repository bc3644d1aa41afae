import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', fleet: 'src/fleet/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // Shared chunks: `syncprims/fleet` and `syncprims` use one copy of SyncError, so
    // `instanceof SyncError` holds for a FleetError (ESM and CJS alike).
    splitting: true,
    // import.meta.url in the CJS build (syncprims/fleet finds its bundled install script with it).
    shims: true,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
