import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folder import rules of the design (../shared/DESIGN.md, STYLE.md), in the spirit of Kafka's
 * import-control.xml. A module is a unit with one public surface (its index.ts):
 * `shared/<x>`, `shared/connectors/<x>`, `functions/<x>`, `local`, `cdk`.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCE_ROOTS = ['shared', 'functions', 'local', 'cdk'];

type Rule = { module: RegExp; mayImport: RegExp[] };

const RULES: Rule[] = [
  { module: /^shared\/api$/, mayImport: [] },
  { module: /^shared\/env$/, mayImport: [] },
  {
    module: /^shared\/(config|converters|transforms|kafka|observability|config-providers)$/,
    mayImport: [/^shared\/api$/],
  },
  { module: /^shared\/stores$/, mayImport: [/^shared\/api$/] },
  { module: /^shared\/connectors\/[^/]+$/, mayImport: [/^shared\/api$/] },
  {
    module: /^shared\/plugins$/,
    mayImport: [/^shared\/(api|converters|transforms|config-providers)$/, /^shared\/connectors\/[^/]+$/],
  },
  {
    module: /^shared\/runtime$/,
    mayImport: [/^shared\/(api|config|stores|kafka|plugins|observability|env|config-providers|transforms)$/],
  },
  { module: /^shared\/platform$/, mayImport: [/^shared\/(api|runtime|env)$/] },
  { module: /^functions\/(middleware|deps)$/, mayImport: [/^shared\/[^/]+$/] },
  {
    module: /^functions\/[^/]+$/,
    mayImport: [/^shared\/[^/]+$/, /^shared\/connectors\/[^/]+$/, /^functions\/(middleware|deps)$/],
  },
  { module: /^local$/, mayImport: [/^functions\/[^/]+$/, /^shared\/[^/]+$/] },
  { module: /^cdk$/, mayImport: [/^shared\/env$/, /^shared\/stores\/dynamodb\/schema$/] },
];

/** The module a project file belongs to, e.g. shared/connectors/file/task.ts -> shared/connectors/file. */
function moduleOf(file: string): string {
  const parts = file.replace(/\.ts$/, '').split('/');
  if (parts[0] === 'local' || parts[0] === 'cdk') return parts[0];
  if (parts[0] === 'shared' && parts[1] === 'connectors') return parts.slice(0, 3).join('/');
  return parts.slice(0, 2).join('/');
}

function sourceFiles(dir: string): string[] {
  let found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found = found.concat(sourceFiles(path));
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    if (spec?.startsWith('.')) specs.push(spec);
  }
  return specs;
}

function allowedTarget(fromModule: string, target: string): boolean {
  // Imports of files in the cdk module may name exact leaf files, not modules.
  const targetModule = moduleOf(target);
  if (targetModule === fromModule) return true;
  const rule = RULES.find((r) => r.module.test(fromModule));
  if (!rule) return false;
  const leaf = target.replace(/\.ts$/, '').replace(/\/index$/, '');
  return rule.mayImport.some((allowed) => allowed.test(targetModule) || allowed.test(leaf));
}

function violations(): string[] {
  const found: string[] = [];
  for (const root of SOURCE_ROOTS) {
    let files: string[];
    try {
      files = sourceFiles(join(ROOT, root));
    } catch {
      continue;
    }
    for (const file of files) {
      const from = relative(ROOT, file);
      const fromModule = moduleOf(from);
      for (const spec of relativeImports(file)) {
        const target = relative(ROOT, resolve(dirname(file), spec));
        if (!allowedTarget(fromModule, target)) found.push(`${from} imports ${target} (${fromModule} may not)`);
        else if (moduleOf(target) !== fromModule && !isPublicSurface(target) && fromModule !== 'cdk') {
          found.push(`${from} imports ${target}, an internal of ${moduleOf(target)}; import its index instead`);
        }
      }
    }
  }
  return found;
}

/**
 * Surfaces inside a module that others may import: the DynamoDB adapters are kept apart from the
 * store ports so code that needs only the ports never loads the AWS SDK; a function's handler.ts
 * (createHandler) is what local/ runs, while its index.ts is the Lambda entry that reads env.
 */
const SUB_SURFACES = new Set(['shared/stores/dynamodb', 'shared/stores/dynamodb/schema']);
const FUNCTION_HANDLER = /^functions\/[^/]+\/handler$/;

/** Another module is reached only through its folder (index.ts), never its internals (STYLE rule 9). */
function isPublicSurface(target: string): boolean {
  const stripped = target.replace(/\.ts$/, '').replace(/\/index$/, '');
  return stripped === moduleOf(target) || SUB_SURFACES.has(stripped) || FUNCTION_HANDLER.test(stripped);
}

describe('folder import rules', () => {
  it('maps files to the module that owns them', () => {
    expect(moduleOf('shared/api/data/schema.ts')).toBe('shared/api');
    expect(moduleOf('shared/connectors/file/file-stream-sink-task.ts')).toBe('shared/connectors/file');
    expect(moduleOf('functions/rest/handler.ts')).toBe('functions/rest');
    expect(moduleOf('local/broker/server.ts')).toBe('local');
  });

  it('rejects a connector importing the runtime and the api importing anything', () => {
    expect(allowedTarget('shared/connectors/file', 'shared/runtime/index.ts')).toBe(false);
    expect(allowedTarget('shared/api', 'shared/config/index.ts')).toBe(false);
    expect(allowedTarget('shared/transforms', 'shared/api/index.ts')).toBe(true);
    expect(allowedTarget('cdk', 'shared/runtime/index.ts')).toBe(false);
  });

  it('holds for every source file of the project', () => {
    expect(violations()).toEqual([]);
  });
});
