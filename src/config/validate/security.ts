// security.istio.io rules Sluice uses (Istio: ValidatePeerAuthentication).
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asObject, isObject } from './findings.ts';
import { checkWorkloadSelector } from './common.ts';

export function validatePeerAuthentication(o: RawObject, f: Findings): void {
  const spec = o.spec;
  const selectorLabels = asObject(asObject(spec.selector).matchLabels);
  const plm = spec.portLevelMtls;
  if (isObject(plm)) {
    const ports = Object.keys(plm);
    if (!Object.keys(selectorLabels).length && ports.length) f.error('spec.portLevelMtls', 'mesh/namespace peer authentication cannot have port level mTLS');
    if (!ports.length) f.error('spec.portLevelMtls', 'port level mTLS, if defined, must have at least one element');
    for (const port of ports) {
      const n = Number(port);
      if (!/^\d+$/.test(port) || n > 65535) f.error(child('spec.portLevelMtls', port), `port "${port}" is not a valid port number`);
      else if (n === 0) f.error(child('spec.portLevelMtls', port), 'port cannot be 0');
    }
  }
  checkWorkloadSelector(f, 'spec.selector', spec.selector);
}
