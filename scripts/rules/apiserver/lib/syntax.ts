// The string syntaxes the API server checks, as k8s.io/apimachinery/pkg/util/validation defines them (and
// pkg/api/validation/path for IsValidPathSegmentName). Each returns the reasons a value is refused, none when
// it is valid, so a message can say why. A value that still holds a placeholder (Flux's `${var}`, filled in by
// postBuild substitution; an Argo CD ApplicationSet's `{{...}}`) is not what the API server will see, so it is
// not judged: the syntax of the substituted value is unknown here.

const ALPHANUMERIC_EDGES = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME = new RegExp(`^${ALPHANUMERIC_EDGES}$`);
const LABEL_VALUE = new RegExp(`^(${ALPHANUMERIC_EDGES})?$`);
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const PERCENT = /^[0-9]+%$/;

/** A value that a GitOps controller fills in before it applies the object. */
export function leftToSubstitution(value: string): boolean {
  return /\$\{[^}]*\}/.test(value) || value.includes('{{');
}

export const LABEL_MAX = 63;
export const SUBDOMAIN_MAX = 253;

function tooLong(value: string, max: number): string[] {
  return value.length > max ? [`must be no more than ${max} characters (has ${value.length})`] : [];
}

/** IsDNS1123Label: lower-case alphanumerics and '-', alphanumeric at both ends, at most 63 characters. */
export function dns1123Label(value: string): string[] {
  if (leftToSubstitution(value)) return [];
  return [
    ...tooLong(value, LABEL_MAX),
    ...(DNS1123_LABEL.test(value) ? [] : ["must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit"]),
  ];
}

/** IsDNS1123Subdomain: DNS-1123 labels joined by '.', at most 253 characters. */
export function dns1123Subdomain(value: string): string[] {
  if (leftToSubstitution(value)) return [];
  return [
    ...tooLong(value, SUBDOMAIN_MAX),
    ...(DNS1123_SUBDOMAIN.test(value)
      ? []
      : ["must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"]),
  ];
}

/** IsDNS1035Label: a DNS-1123 label that starts with a letter. */
export function dns1035Label(value: string): string[] {
  if (leftToSubstitution(value)) return [];
  return [
    ...tooLong(value, LABEL_MAX),
    ...(DNS1035_LABEL.test(value) ? [] : ["must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit"]),
  ];
}

/** IsQualifiedName: `[prefix/]name`, the prefix a DNS-1123 subdomain, the name at most 63 characters. */
export function qualifiedName(value: string): string[] {
  if (leftToSubstitution(value)) return [];
  const parts = value.split('/');
  if (parts.length > 2) return ["must be a name with at most one '/' (an optional DNS-subdomain prefix and a name)"];
  const [prefix, name] = parts.length === 2 ? [parts[0]!, parts[1]!] : [undefined, parts[0]!];
  const problems: string[] = [];
  if (prefix !== undefined) {
    if (prefix === '') problems.push("has an empty prefix before '/'");
    else problems.push(...dns1123Subdomain(prefix).map((reason) => `prefix ${reason}`));
  }
  if (name === '') problems.push('has an empty name part');
  else {
    problems.push(...tooLong(name, LABEL_MAX).map((reason) => `name part ${reason}`));
    if (!QUALIFIED_NAME.test(name)) problems.push("name part must hold only letters, digits, '-', '_' and '.', and start and end with a letter or digit");
  }
  return problems;
}

/** IsValidLabelValue: empty, or at most 63 characters of the qualified-name alphabet. */
export function labelValue(value: string): string[] {
  if (leftToSubstitution(value)) return [];
  return [
    ...tooLong(value, LABEL_MAX),
    ...(LABEL_VALUE.test(value) ? [] : ["must be empty or hold only letters, digits, '-', '_' and '.', starting and ending with a letter or digit"]),
  ];
}

/** IsValidPortName (IANA_SVC_NAME): 1-15 of [-a-z0-9], at least one letter, no '-' at an end nor '--'. */
export function portName(value: string): string[] {
  if (leftToSubstitution(value)) return [];
  const problems = value.length > 15 ? [`must be no more than 15 characters (has ${value.length})`] : [];
  if (!/^[-a-z0-9]+$/.test(value)) problems.push("must hold only lower-case letters, digits and '-'");
  if (!/[a-z]/.test(value)) problems.push('must contain at least one letter');
  if (value.includes('--')) problems.push("must not contain '--'");
  if (value.startsWith('-') || value.endsWith('-')) problems.push("must not start or end with '-'");
  return problems;
}

/** IsValidPortNum: 1 to 65535. */
export function portNumber(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : ['must be a port number from 1 to 65535'];
}

/** IsValidPercent: digits followed by '%'. */
export function isPercent(value: string): boolean {
  return PERCENT.test(value);
}

/** IsValidPathSegmentName: the minimum every object name meets (it becomes a segment of the URL path). */
export function pathSegmentName(value: string): string[] {
  if (leftToSubstitution(value)) return [];
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  return /[/%]/.test(value) ? ["may not contain '/' or '%'"] : [];
}
