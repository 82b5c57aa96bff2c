// The configuration layer's part: every schema file the app-config declarations name, read once.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ConfigError } from '../cli/config-error.ts';
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
      const cannotRead = (error: unknown) => `${layer.at}: cannot read schema ${declaration.schema} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      // A missing or unreadable file is refused now; the document (OpenClaw's is 2.4 MB) is parsed only when a
      // declared ConfigMap is checked, and a broken one then stops the run the same way (ConfigError, exit 2).
      try {
        accessSync(file, constants.R_OK);
        if (statSync(file).isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
      } catch (error) {
        throw new Error(cannotRead(error));
      }
      schemas.set(
        declaration.schema,
        new AppSchema(declaration.schema, () => {
          let schema: unknown;
          try {
            schema = JSON.parse(readFileSync(file, 'utf8'));
          } catch (error) {
            throw new ConfigError(cannotRead(error));
          }
          if (!isRecord(schema)) throw new ConfigError(`${layer.at}: schema ${declaration.schema} is not a JSON Schema object`);
          return schema;
        }),
      );
    }
  }
  return schemas;
}
