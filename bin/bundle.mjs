// @ts-check
// Part of the `prepare` build (bin/build.mjs): the commands as tsc built them in dist/, bundled into a few
// ES modules in dist/bundle/ (one file per command plus chunks they share or load only when used). A run then
// reads and compiles a handful of files instead of resolving and loading some 250 modules one by one, which
// was most of a one-file run's start-up. Plain JavaScript because it runs before anything is built.
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** The bundled entries: what bin/launch.mjs imports, each at dist/bundle/<name>.js. */
export const BUNDLE_ENTRIES = {
  validate: 'validate.js',
  diff: 'diff.js',
  promote: 'promote.js',
  'command-io': join('lib', 'cli', 'command-io.js'),
};

/**
 * Code computes paths from its own module's location (schemas/, the cache directory, createRequire): inside
 * the bundle, every `import.meta.url` of a built module is made to name that module's file in dist/ again, so
 * each path is the one the unbundled build computes. Every output file is written directly into the bundle
 * directory (flat names below), so one relative path per module holds in whichever file it lands.
 * @param {string} bundleDir
 * @returns {import('esbuild').Plugin}
 */
function keepModuleUrls(bundleDir) {
  return {
    name: 'keep-module-urls',
    setup(build) {
      build.onLoad({ filter: /\.[jt]s$/ }, async (args) => {
        if (args.path.split(sep).includes('node_modules')) return undefined;
        const text = await readFile(args.path, 'utf8');
        // Only `import.meta.url` is rewritten; any other use of import.meta would silently change meaning.
        if (/import\.meta(?!\.url\b)/.test(text)) throw new Error(`${args.path}: uses import.meta other than import.meta.url, which the bundle cannot keep`);
        const own = JSON.stringify(relative(bundleDir, args.path).split(sep).join('/'));
        return { contents: text.replace(/\bimport\.meta\.url\b/g, `new URL(${own}, import.meta.url).href`), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * Packages the code also loads with createRequire at run time: bundling them would make two copies, and ajv
 * tells its own code objects (`_Code`, used for the integer formats) apart by class, so a bundled copy's
 * formats would compile into cached validators that fail when loaded.
 */
const UNBUNDLED_PACKAGES = ['ajv', 'ajv/*'];

/**
 * Bundles the commands of the tree `from` (dist/ as tsc built it, `.js`; tests bundle scripts/, `.ts`) into
 * the directory `to`, which must lie inside the repository (the unbundled packages resolve from there).
 * Other packages are bundled too, their CommonJS through a `require` made for the bundle's own location.
 * @param {typeof import('esbuild')} esbuild
 * @param {{ from: string, to: string, extension: '.js' | '.ts' }} tree
 */
export async function bundleCommands(esbuild, { from, to, extension }) {
  const bundleDir = to;
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(BUNDLE_ENTRIES).map(([name, file]) => [name, join(from, file.replace(/\.js$/, extension))])),
    outdir: bundleDir,
    external: UNBUNDLED_PACKAGES,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Bundled CommonJS packages call require() for Node's own modules, which an ES module lacks.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
    plugins: [keepModuleUrls(bundleDir)],
    logLevel: 'warning',
  });
}
