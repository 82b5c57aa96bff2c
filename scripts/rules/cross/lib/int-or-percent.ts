// IntOrString fields (maxSurge, minAvailable, ...) resolved against a replica count the way Kubernetes does.

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

export function parseIntOrPercent(value: unknown): IntOrPercent | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { kind: 'int', value };
  if (typeof value === 'string') {
    const percent = /^(\d+)%$/.exec(value.trim());
    if (percent) return { kind: 'percent', value: Number(percent[1]) };
    if (/^\d+$/.test(value.trim())) return { kind: 'int', value: Number(value.trim()) };
  }
  return undefined;
}

/** Like intstr.GetScaledValueFromIntOrPercent: percentages of `total`, rounded up or down. */
export function scaled(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (value.kind === 'int') return value.value;
  const exact = (value.value * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function formatIntOrPercent(value: IntOrPercent): string {
  return value.kind === 'int' ? String(value.value) : `${value.value}%`;
}
