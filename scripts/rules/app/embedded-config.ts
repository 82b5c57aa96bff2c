// Finds the declared application configs among a render's ConfigMaps and parses them with positions.
import { configMapMatches, type AppConfigDeclaration } from '../../lib/app-config/declarations.ts';
import { ConfigSyntaxError, parseConfigText, type ConfigFormat, type ParsedConfig, type TextPosition } from '../../lib/app-config/parse-config.ts';
import { isRecord, pointer, type Position, type Resource } from '../../lib/model.ts';

export interface EmbeddedConfig {
  configMap: Resource;
  key: string;
  /** undefined when the text does not parse: `error` says where. */
  parsed?: ParsedConfig;
  error?: ConfigSyntaxError;
}

export function embeddedConfigs(resources: readonly Resource[], configMap: string, key: string, format: ConfigFormat): EmbeddedConfig[] {
  const out: EmbeddedConfig[] = [];
  for (const resource of resources) {
    if (resource.object.kind !== 'ConfigMap' || !configMapMatches(configMap, String(resource.object.metadata?.name ?? ''))) continue;
    const data = isRecord(resource.object.data) ? resource.object.data : {};
    if (typeof data[key] !== 'string') {
      out.push({ configMap: resource, key });
      continue;
    }
    try {
      out.push({ configMap: resource, key, parsed: parseConfigText(data[key], format) });
    } catch (error) {
      if (!(error instanceof ConfigSyntaxError)) throw error;
      out.push({ configMap: resource, key, error });
    }
  }
  return out;
}

/**
 * The ConfigMap as a finding should see it: `/data/<key>` located at a line inside the config text.
 * With the generator's source file declared, that file's own line; otherwise, when the key is a block
 * scalar in the manifest, the manifest line below the key plus the line inside the text.
 */
export function locatedAt(configMap: Resource, key: string, inner: TextPosition | undefined, declaration: Pick<AppConfigDeclaration, 'file'>): Resource {
  const dataPointer = pointer('data', key);
  if (!inner) return configMap;
  return {
    ...configMap,
    locate(path: string): Position | undefined {
      const outer = configMap.locate(path);
      if (path !== dataPointer) return outer;
      if (declaration.file) return { file: declaration.file, line: inner.line, column: inner.column };
      if (!outer) return undefined;
      return { ...outer, line: outer.line + inner.line, column: inner.column };
    },
  };
}
