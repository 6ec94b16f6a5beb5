// WorkloadEntry rules (Istio: ValidateWorkloadEntry): an address (IP, host name or unix socket) unless a
// network is given, valid ports and labels.
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asObject } from './findings.ts';
import { checkLabels } from './common.ts';
import { fqdnError, isIP, portError } from './names.ts';

export function validateWorkloadEntry(o: RawObject, f: Findings): void {
  checkWorkloadEntrySpec(f, 'spec', o.spec);
}

/** Also used for WorkloadGroup's `template`. */
export function checkWorkloadEntrySpec(f: Findings, path: string, spec: Record<string, any>, requireAddress = true): void {
  const addr = spec.address;
  if (typeof addr === 'string' && addr) {
    if (!addr.startsWith('unix://') && !isIP(addr) && fqdnError(addr)) f.error(child(path, 'address'), `invalid address ${addr}`);
  } else if (requireAddress && !spec.network) {
    f.error(child(path, 'address'), 'address is required');
  }
  for (const [name, port] of Object.entries(asObject(spec.ports))) {
    const e = portError(port);
    if (e) f.error(child(child(path, 'ports'), name), e);
  }
  checkLabels(f, child(path, 'labels'), spec.labels);
}

export function validateWorkloadGroup(o: RawObject, f: Findings): void {
  checkWorkloadEntrySpec(f, 'spec.template', asObject(o.spec.template), false);
  checkLabels(f, 'spec.metadata.labels', asObject(o.spec.metadata).labels);
}
