import type { Command } from 'commander';
import { ExitCode } from '../../core/diagnostic.ts';
import { buildMeshModel } from '../../model/index.ts';
import { workloadMtlsMode } from '../../model/peer-authentication.ts';
import { InspectError, type Dump } from '../../inspect/proxy-config/dump.ts';
import { describeService, type DescribeContext } from '../../inspect/describe/describe.ts';
import { describePod } from '../../inspect/describe/pod.ts';
import type { Obj } from '../../inspect/describe/render.ts';
import { dumpOf, loadSnapshot, parseDumpOrFail, readTextFile, translateFor, wasInvalid } from '../proxy-source.ts';
import { UsageError, UserError, type CliIO } from '../io.ts';

/**
 * `sluice describe pod|service NAME[.NAMESPACE] PATH…` — istioctl's `x describe`: the Service ports,
 * the DestinationRule and VirtualService the proxy's config names, subsets, route matches and weights,
 * mTLS mode and ingress exposure. Each pod's Envoy config is Sluice's translation for that pod, or a
 * captured config_dump given with `--dump POD=FILE`.
 */
interface Opts { namespace: string; dump: string[] }

const collect = (v: string, prev: string[]): string[] => [...prev, v];

function splitName(arg: string, ns: string): [string, string] {
  const i = arg.lastIndexOf('.');
  return i > 0 ? [arg.slice(0, i), arg.slice(i + 1)] : [arg, ns];
}

function context(paths: string[], o: Opts, io: CliIO) {
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

export function registerDescribe(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const describe = program.command('describe').alias('des')
    .description("Describe a pod or service and the Istio config that affects it (istioctl x describe), from YAML plus each pod's Envoy config");
  const run = (kind: 'pod' | 'service') => (name: string, paths: string[], o: Opts) => {
    const [n, ns] = splitName(name, o.namespace);
    const { ctx, model } = context(paths, o, io);
    try {
      if (kind === 'service') io.out(describeService(ctx, n, ns));
      else io.out(describePod({ ...ctx, rootNamespace: model.rootNamespace, mtlsMode: (pod) => workloadMtlsMode(model, pod.namespace, pod.object?.metadata?.labels ?? {}, 0) }, n, ns));
      setExit(ExitCode.OK);
    } catch (e) {
      if (!(e instanceof InspectError)) throw e;
      const k = kind === 'pod' ? 'Pod' : 'Service';
      if (wasInvalid(ctx.snapshot, k, ns, n)) throw new UserError(`${k} ${ns}/${n} is in the input but invalid (see the errors above), so it is left out`, ExitCode.Failure);
      throw new UserError(e.message, ExitCode.Failure);
    }
  };
  for (const [kind, alias] of [['pod', 'po'], ['service', 'svc']] as const) {
    describe.command(kind).alias(alias)
      .description(kind === 'pod' ? 'a pod: its ports, services, DestinationRules, VirtualServices, mTLS mode and ingress exposure' : 'a service: its DestinationRule, VirtualService and ingress exposure, seen from its first ready pod')
      .argument('<name>', `${kind} as NAME or NAME.NAMESPACE`)
      .argument('<paths...>', 'Istio/Kubernetes YAML (files or directories)')
      .option('-n, --namespace <ns>', 'namespace of NAME when not given as NAME.NAMESPACE (and for objects without one)', 'default')
      .option('--dump <pod=file>', 'use this captured /config_dump for pod POD (NAME or NAME.NAMESPACE) instead of translating', collect, [])
      .action(run(kind));
  }
}
