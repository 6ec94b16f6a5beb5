// serviceentry.ConflictingServiceEntryProtocolAnalyzer (Istio analyzers/serviceentry/conflictingserviceentries.go):
// ServiceEntries visible in the same scope that declare one host and port with different protocols (IST0177).
import type { Analyzer } from '../types.ts';
import { refName } from '../util/names.ts';
import { Msg } from '../messages.ts';
import { asList, asObject, stringList } from '../util/vs-walk.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

interface Entry { scope: string; host: string; port: number; items: { se: RawObject; protocol: string }[] }

export const conflictingServiceEntryProtocolAnalyzer: Analyzer = {
  meta: {
    name: 'serviceentry.ConflictingServiceEntryProtocolAnalyzer',
    description: 'Checks for ServiceEntries that define the same host and port with conflicting protocols',
    inputs: ['ServiceEntry'],
  },
  analyze(ctx) {
    const index = new Map<string, Entry>();
    for (const se of ctx.objects('ServiceEntry')) {
      const ns = se.ref.namespace ?? '';
      const exportTo = stringList(se.spec.exportTo);
      const scopes = !exportTo.length || exportTo.includes('*') ? ['*'] : [...new Set(exportTo.map((e) => (e === '.' ? ns : e)))];
      for (const host of stringList(se.spec.hosts)) {
        for (const p of asList(se.spec.ports).map(asObject)) {
          const port = Number(p.number);
          for (const scope of scopes) {
            const k = `${scope}|${host}|${port}`;
            let e = index.get(k);
            if (!e) index.set(k, (e = { scope, host, port, items: [] }));
            e.items.push({ se, protocol: String(p.protocol ?? '').toUpperCase() });
          }
        }
      }
    }
    const reported = new Set<RawObject>();
    for (const e of index.values()) {
      const items = [...e.items];
      if (e.scope !== '*') items.push(...(index.get(`*|${e.host}|${e.port}`)?.items ?? []));
      const protocols = [...new Set(items.map((i) => i.protocol))].sort();
      if (protocols.length < 2) continue;
      const ses = [...new Set(items.map((i) => i.se))];
      const names = ses.map(refName).sort().join(', ');
      for (const se of ses) {
        if (reported.has(se)) continue;
        reported.add(se);
        ctx.report(Msg.ConflictingServiceEntryProtocol, se, 'spec.ports', names, e.host, e.port, protocols.join(', '));
      }
    }
  },
};
