/**
 * Bundles each functions/<name>/index.ts into dist/functions/<name>/index.mjs, one file per Lambda,
 * the same way the CDK NodejsFunction construct does (local esbuild, no Docker): both take their
 * settings from cdk/lib/connect-function.ts (FUNCTION_BUNDLE, EXTERNAL_MODULES, driverBundleCommands).
 *
 *   npx tsx scripts/bundle.ts            (npm run build)
 *
 * What goes in a function's asset:
 * - index.mjs: the function, minified ESM, with the pinned AWS SDK v3 bundled (not the runtime's:
 *   see BENCHMARKS.md, "Bundles"), `module` entry points first so the SDK's ESM builds tree-shake;
 * - index.mjs.map: its source map (sources by path, not content);
 * - node_modules/pg and node_modules/mysql2: the JDBC drivers, each bundled to one file. The JDBC
 *   connector imports them with import() on first use, and they are external to index.mjs, so a
 *   function that runs no JDBC connector never loads or parses them (they were ~1 MB of the 2.7 MB
 *   each function used to be).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { driverBundleCommands, EXTERNAL_MODULES, FUNCTION_BUNDLE } from '../cdk/lib/connect-function';

const root = resolve(import.meta.dirname, '..');
const functionsDir = join(root, 'functions');

/** Adds the drivers to an asset directory with the very commands the CDK hook runs. */
export function bundleDrivers(outputDir: string): void {
  for (const command of driverBundleCommands(outputDir)) execFileSync('bash', ['-c', command], { stdio: 'inherit' });
}

/** A Lambda function is a folder with a handler.ts; its index.ts is the entry (middleware and deps are libraries). */
export function functionEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(functionsDir)) {
    const entry = join(functionsDir, name, 'index.ts');
    if (existsSync(join(functionsDir, name, 'handler.ts')) && existsSync(entry)) entries[name] = entry;
  }
  return entries;
}

/** Builds one function's asset directory: index.mjs (+ map) and the lazily loaded drivers. Returns index.mjs's bytes. */
export async function bundleFunction(entry: string, outputDir: string): Promise<number> {
  const result = await build({
    entryPoints: [entry],
    outfile: join(outputDir, 'index.mjs'),
    bundle: true,
    format: FUNCTION_BUNDLE.format,
    target: FUNCTION_BUNDLE.target,
    platform: FUNCTION_BUNDLE.platform,
    minify: FUNCTION_BUNDLE.minify,
    sourcemap: FUNCTION_BUNDLE.sourcemap,
    sourcesContent: FUNCTION_BUNDLE.sourcesContent,
    mainFields: [...FUNCTION_BUNDLE.mainFields],
    external: EXTERNAL_MODULES,
    banner: { js: FUNCTION_BUNDLE.banner },
    metafile: true,
  });
  mkdirSync(outputDir, { recursive: true });
  bundleDrivers(outputDir);
  return Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
}

async function main(): Promise<void> {
  const entries = functionEntries();
  for (const [name, entry] of Object.entries(entries)) {
    const bytes = await bundleFunction(entry, join(root, 'dist/functions', name));
    console.log(`${name}: ${(bytes / 1024).toFixed(1)} KiB`);
  }
  if (Object.keys(entries).length === 0) console.log('no functions to bundle yet');
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await main();
