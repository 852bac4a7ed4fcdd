/**
 * Bundles each functions/<name>/index.ts into dist/functions/<name>/index.mjs, one file per Lambda,
 * the same way the CDK NodejsFunction construct does (local esbuild, no Docker).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const functionsDir = join(root, 'functions');

/** A Lambda function is a folder with a handler.ts; its index.ts is the entry (middleware and deps are libraries). */
export function functionEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(functionsDir)) {
    const entry = join(functionsDir, name, 'index.ts');
    if (existsSync(join(functionsDir, name, 'handler.ts')) && existsSync(entry)) entries[name] = entry;
  }
  return entries;
}

const entries = functionEntries();
for (const [name, entry] of Object.entries(entries)) {
  const result = await build({
    entryPoints: [entry],
    outfile: join(root, 'dist/functions', name, 'index.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    sourcemap: true,
    metafile: true,
    // The Lambda runtime ships the AWS SDK v3, but bundling pins our exact version.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  console.log(`${name}: ${(bytes / 1024).toFixed(1)} KiB`);
}
if (Object.keys(entries).length === 0) console.log('no functions to bundle yet');
