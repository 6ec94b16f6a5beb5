import { ExitCode } from '../../core/diagnostic.ts';
import { buildMeshModel } from '../../model/index.ts';
import { workloadMtlsMode } from '../../model/peer-authentication.ts';
import { InspectError, type Dump } from '../../inspect/proxy-config/dump.ts';
import { describeService, type DescribeContext } from '../../inspect/describe/describe.ts';
import { describePod } from '../../inspect/describe/pod.ts';
import type { Obj } from '../../inspect/describe/render.ts';
import { dumpOf, loadSnapshot, parseDumpOrFail, readTextFile, translateFor, wasInvalid } from '../proxy-source.ts';
import { UsageError, UserError, type CliIO } from '../io.ts';

/** The implementation of `sluice describe` (registered, with its flags, in describe.ts). */
export interface DescribeOpts { namespace: string; dump: string[] }

function splitName(arg: string, ns: string): [string, string] {
  const i = arg.lastIndexOf('.');
  return i > 0 ? [arg.slice(0, i), arg.slice(i + 1)] : [arg, ns];
}

function context(paths: string[], o: DescribeOpts, io: CliIO) {
  const snapshot = loadSnapshot(paths, io, o.namespace);
  const given = new Map<string, string>();
  for (const d of o.dump) {
    const eq = d.indexOf('=');
    if (eq <= 0) throw new UsageError(`--dump expects POD=FILE (a captured /config_dump for that pod), got "${d}"`);
    given.set(d.slice(0, eq), d.slice(eq + 1));
  }
  const pods = snapshot.byKind('Pod').flatMap((p) => [p.ref.name, `${p.ref.name}.${p.ref.namespace ?? o.namespace}`]);
  for (const key of given.keys()) {
    if (!pods.includes(key)) throw new UsageError(`--dump ${key}=…: the input has no pod ${key} (POD is NAME or NAME.NAMESPACE of a Pod in the YAML)`);
  }
  const cache = new Map<string, Dump>();
  const dumpFor = (pod: Obj): Dump => {
    const key = `${pod.name}.${pod.namespace}`;
    let dump = cache.get(key);
    if (!dump) {
      const file = given.get(key) ?? given.get(pod.name);
      dump = file !== undefined ? parseDumpOrFail(readTextFile(file, io), file) : dumpOf(translateFor(snapshot, `pod/${key}`).config);
      cache.set(key, dump);
    }
    return dump;
  };
  const model = buildMeshModel(snapshot);
  const ctx: DescribeContext = { snapshot, dumpFor, describeNamespace: o.namespace };
  return { ctx, model };
}

/** `sluice describe pod|service NAME PATH…`: print the description; returns the exit code. */
export function runDescribe(kind: 'pod' | 'service', name: string, paths: string[], o: DescribeOpts, io: CliIO): number {
  const [n, ns] = splitName(name, o.namespace);
  const { ctx, model } = context(paths, o, io);
  try {
    if (kind === 'service') io.out(describeService(ctx, n, ns));
    else io.out(describePod({ ...ctx, rootNamespace: model.rootNamespace, mtlsMode: (pod) => workloadMtlsMode(model, pod.namespace, pod.object?.metadata?.labels ?? {}, 0) }, n, ns));
    return ExitCode.OK;
  } catch (e) {
    if (!(e instanceof InspectError)) throw e;
    const k = kind === 'pod' ? 'Pod' : 'Service';
    if (wasInvalid(ctx.snapshot, k, ns, n)) throw new UserError(`${k} ${ns}/${n} is in the input but invalid (see the errors above), so it is left out`, ExitCode.Failure);
    throw new UserError(e.message, ExitCode.Failure);
  }
}
