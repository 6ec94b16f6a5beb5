import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import type { DescribeOpts } from './describe-run.ts';

// The implementation (model, translation, rendering) is imported when the command runs: see describe-run.ts.

/**
 * `sluice describe pod|service NAME[.NAMESPACE] PATH…` — istioctl's `x describe`: the Service ports,
 * the DestinationRule and VirtualService the proxy's config names, subsets, route matches and weights,
 * mTLS mode and ingress exposure. Each pod's Envoy config is Sluice's translation for that pod, or a
 * captured config_dump given with `--dump POD=FILE`.
 */
const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function registerDescribe(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const describe = program.command('describe').alias('des')
    .description("Describe a pod or service and the Istio config that affects it (istioctl x describe), from YAML plus each pod's Envoy config");
  const run = (kind: 'pod' | 'service') => async (name: string, paths: string[], o: DescribeOpts) => {
    const { runDescribe } = await import('./describe-run.ts');
    setExit(runDescribe(kind, name, paths, o, io));
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
