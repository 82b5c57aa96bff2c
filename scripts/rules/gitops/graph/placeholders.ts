// Values a GitOps object leaves to be filled in: Flux's `${var}` (postBuild substitution by the Kustomization
// that applies the object, or a value the bootstrap sets) and Argo CD's `{{...}}` (ApplicationSet templates).

const FLUX_VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[=-]([^}]*))?\}/g;

export function hasFluxVariable(text: string): boolean {
  return /\$\{[^}]*\}/.test(text);
}

export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

/** `text` with every `${var}` that `values` (or the variable's own default) sets replaced; the others left. */
export function substituteFlux(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(FLUX_VARIABLE, (whole, name: string, fallback: string | undefined) => values.get(name) ?? fallback ?? whole);
}

/** `{{path}}`, `{{.path.basename}}`, `{{ .cluster }}`: replaced from the generator's parameters when set. */
export function substituteTemplate(text: string, parameters: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{\s*\.?([A-Za-z_][\w.]*)\s*\}\}/g, (whole, name: string) => parameters.get(name) ?? whole);
}
