// WorkloadEntry rules (Istio: ValidateWorkloadEntry): an address (IP, host name or unix socket) unless a
// network is given, valid ports and labels.
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asObject } from './findings.ts';
import { checkLabels } from './common.ts';
import { fqdnError, isDNS1123Label, isIP, portError } from './names.ts';

export function validateWorkloadEntry(o: RawObject, f: Findings): void {
  checkWorkloadEntrySpec(f, 'spec', o.spec);
}

/** Also used for WorkloadGroup's `template`. */
export function checkWorkloadEntrySpec(f: Findings, path: string, spec: Record<string, any>, requireAddress = true): void {
  const addr = spec.address;
  const ports = asObject(spec.ports);
  if (typeof addr === 'string' && addr.startsWith('unix://')) {
    const e = unixAddressError(addr.slice('unix://'.length));
    if (e) f.error(child(path, 'address'), e);
    if (Object.keys(ports).length) f.error(child(path, 'ports'), 'UDS may not include ports');
  } else if (typeof addr === 'string' && addr) {
    if (!isIP(addr) && fqdnError(addr)) f.error(child(path, 'address'), `invalid address ${addr}`);
  } else if (requireAddress && !spec.network) {
    f.error(child(path, 'address'), 'address is required');
  }
  for (const [name, port] of Object.entries(ports)) {
    if (!isDNS1123Label(name)) f.error(child(child(path, 'ports'), name), `invalid port name: ${name}`);
    const e = portError(port);
    if (e) f.error(child(child(path, 'ports'), name), e);
  }
  checkLabels(f, child(path, 'labels'), spec.labels);
}

/** `ValidateUnixAddress`: an absolute path (not a directory) or an abstract socket (`@name`). */
function unixAddressError(path: string): string | undefined {
  if (!path) return 'unix address must not be empty';
  if (path.startsWith('@')) return undefined;
  if (!path.startsWith('/')) return `UDS must be an absolute path or abstract socket: ${path}`;
  if (path.endsWith('/')) return `UDS may not be a dir: ${path}`;
  return undefined;
}

export function validateWorkloadGroup(o: RawObject, f: Findings): void {
  checkWorkloadEntrySpec(f, 'spec.template', asObject(o.spec.template), false);
  checkLabels(f, 'spec.metadata.labels', asObject(o.spec.metadata).labels);
}
