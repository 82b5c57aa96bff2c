// The configuration layer's part: every schema file the app-config declarations name, read once.
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { readBoundedFile } from '../bounded-file.ts';
import { ConfigError } from '../cli/config-error.ts';
import { isRecord } from '../model.ts';
import { realPathInside } from '../repository-file.ts';
import { AppSchema } from './app-schema.ts';
import { APP_CONFIG_RULE, readDeclarations } from './declarations.ts';

interface OptionLayers {
  options: Record<string, Record<string, unknown>>;
  sources: Array<{ match: string; options: Record<string, Record<string, unknown>> }>;
}

/** A JSON Schema is a few megabytes at most (OpenClaw's is 2.4 MB); the bound keeps /dev/zero-sized input out of memory. */
export const MAX_APP_SCHEMA_BYTES = 8 * 1024 * 1024;

/** Keyed by the path as the configuration writes it. Throws one line for an unreadable or invalid schema. */
export function loadAppSchemas(config: OptionLayers, root: string): Map<string, AppSchema> {
  const schemas = new Map<string, AppSchema>();
  const layers = [{ at: `options.${APP_CONFIG_RULE}`, options: config.options[APP_CONFIG_RULE] }].concat(
    config.sources.map((layer) => ({ at: `sources.${layer.match}.options.${APP_CONFIG_RULE}`, options: layer.options[APP_CONFIG_RULE] })),
  );
  for (const layer of layers) {
    for (const declaration of readDeclarations(layer.options, layer.at)) {
      if (schemas.has(declaration.schema)) continue;
      const real = checkedSchemaPath(root, declaration.schema, layer.at);
      // The document is parsed only when a declared ConfigMap is checked; a broken one then stops the run
      // the same way (ConfigError, exit 2).
      schemas.set(declaration.schema, new AppSchema(declaration.schema, () => readSchema(real, declaration.schema, layer.at)));
    }
  }
  return schemas;
}

/**
 * The real path of a declared schema, refused now when it is missing, unreadable, not a regular file, or
 * (links resolved) outside the repository: a pull request's link to /etc/passwd or /dev/zero is never read.
 */
function checkedSchemaPath(root: string, written: string, at: string): string {
  const file = resolve(root, written);
  const outside = `${at}: schema ${written} must be a path inside the repository`;
  if (isAbsolute(written) || relative(root, file).startsWith('..')) throw new Error(outside);
  const cannotRead = (reason: string) => new Error(`${at}: cannot read schema ${written} (${reason})`);
  try {
    accessSync(file, constants.R_OK);
    realpathSync(file);
  } catch (error) {
    throw cannotRead((error as NodeJS.ErrnoException).code ?? 'error');
  }
  const real = realPathInside(root, written);
  if (real === undefined) throw new Error(`${outside} (it is a link that leads out of it)`);
  const info = statSync(real);
  if (info.isDirectory()) throw cannotRead('EISDIR');
  if (!info.isFile()) throw cannotRead('not a regular file');
  return real;
}

/** The parsed schema, read bounded; no error quotes the file's content (JSON.parse's message does). */
function readSchema(real: string, written: string, at: string): Record<string, unknown> {
  let text: string;
  try {
    text = readBoundedFile(real, MAX_APP_SCHEMA_BYTES).toString('utf8');
  } catch (error) {
    throw new ConfigError(`${at}: cannot read schema ${written} (${(error as Error).message})`);
  }
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${at}: schema ${written} is not valid JSON${jsonErrorLine(text, (error as Error).message)}`);
  }
  if (!isRecord(schema)) throw new ConfigError(`${at}: schema ${written} is not a JSON Schema object`);
  return schema;
}

/** ' at line N' from the position V8 reports, or '' when it reports none; never any of the text itself. */
function jsonErrorLine(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (position) return ` at line ${text.slice(0, Number(position[1])).split('\n').length}`;
  const line = /\(line (\d+) column \d+\)/.exec(message);
  return line ? ` at line ${line[1]}` : '';
}
