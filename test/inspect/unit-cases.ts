// Runs one case of istioctl-proxy-config/unit-cases.json against the matching Sluice function.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeRouteDomains } from '../../src/inspect/proxy-config/describe-helpers.ts';
import { listenerMatches } from '../../src/inspect/proxy-config/listeners.ts';
import { parseDump } from '../../src/inspect/proxy-config/dump.ts';
import { virtualServicePathForService } from '../../src/inspect/describe/dump-lookups.ts';
import { findProtocolForPort, revisionFromAnnotations } from '../../src/inspect/describe/k8s.ts';

export interface UnitCase { function: string; name: string; input: any; expected: unknown }

function evaluate(dir: string, c: UnitCase): unknown {
  const i = c.input;
  switch (c.function) {
    case 'describeRouteDomains': return describeRouteDomains(i.domains);
    case 'ListenerFilter.Verify': return listenerMatches(i.listener, { address: i.filter.address, port: i.filter.port, type: i.filter.type });
    case 'describe.getIstioVirtualServicePathForSvcFromRoute':
      return virtualServicePathForService(parseDump(readFileSync(join(dir, i.configDump), 'utf8')), i.service, i.port) ?? '';
    case 'describe.findProtocolForPort': return findProtocolForPort(i.servicePort);
    case 'describe.GetRevisionFromPodAnnotation': return revisionFromAnnotations(i.annotations);
    default: throw new Error(`no Sluice function for ${c.function}`);
  }
}

export function runUnitCase(dir: string, c: UnitCase): { pass: boolean; got: unknown } {
  let got: unknown;
  try { got = evaluate(dir, c); } catch (e) { return { pass: false, got: `error: ${(e as Error).message}` }; }
  return { pass: JSON.stringify(got) === JSON.stringify(c.expected), got };
}
