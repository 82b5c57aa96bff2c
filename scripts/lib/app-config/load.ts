// The configuration layer's part: every schema file the app-config declarations name, read once.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { isRecord } from '../model.ts';
import { AppSchema } from './app-schema.ts';
import { APP_CONFIG_RULE, readDeclarations } from './declarations.ts';

interface OptionLayers {
  options: Record<string, Record<string, unknown>>;
  sources: Array<{ match: string; options: Record<string, Record<string, unknown>> }>;
}

/** Keyed by the path as the configuration writes it. Throws one line for an unreadable or invalid schema. */
export function loadAppSchemas(config: OptionLayers, root: string): Map<string, AppSchema> {
  const schemas = new Map<string, AppSchema>();
  const layers = [{ at: `options.${APP_CONFIG_RULE}`, options: config.options[APP_CONFIG_RULE] }].concat(
    config.sources.map((layer) => ({ at: `sources.${layer.match}.options.${APP_CONFIG_RULE}`, options: layer.options[APP_CONFIG_RULE] })),
  );
  for (const layer of layers) {
    for (const declaration of readDeclarations(layer.options, layer.at)) {
      if (schemas.has(declaration.schema)) continue;
      const file = resolve(root, declaration.schema);
      if (isAbsolute(declaration.schema) || relative(root, file).startsWith('..')) throw new Error(`${layer.at}: schema ${declaration.schema} must be a path inside the repository`);
      let schema: unknown;
      try {
        schema = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${layer.at}: cannot read schema ${declaration.schema} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      if (!isRecord(schema)) throw new Error(`${layer.at}: schema ${declaration.schema} is not a JSON Schema object`);
      schemas.set(declaration.schema, new AppSchema(declaration.schema, schema));
    }
  }
  return schemas;
}
