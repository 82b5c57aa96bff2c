// Does a Service in the render expose a port, asked by number or by name?
import type { ServiceInfo } from '../../resource-index.ts';

export function exposes(service: ServiceInfo, port: number | string): boolean {
  // ExternalName Services without ports forward whatever port the client uses.
  if (service.externalName && service.ports.length === 0) return true;
  return service.ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port));
}

/** '80 (http), 18790' for messages. */
export function describePorts(service: ServiceInfo): string {
  if (service.ports.length === 0) return 'no ports';
  return service.ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ');
}
