import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { parseChoice } from '../output.ts';
import type { DiffOpts } from './diff-run.ts';

// The implementation (translation, diffing) is imported when the command runs: see diff-run.ts.

/**
 * `sluice diff OLD NEW --proxy PROXY | --all-proxies` and `sluice diff --old-dump A --new-dump B`:
 * what changes in proxies' listeners/routes/clusters/endpoints between two config revisions.
 * Exit 0 on success (with or without differences); with --exit-code, 2 when there are differences.
 * Errors: 1 (bad input), 64 (usage), 65 (unparseable YAML).
 */
export function registerDiff(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program.command('diff')
    .description("What changes in proxies' Envoy config (listeners, routes, clusters, endpoints) between two config revisions")
    .argument('[paths...]', 'OLD_PATH NEW_PATH: two revisions of the Istio/Kubernetes YAML (files or directories)')
    .option('--proxy <proxy>', 'the proxy to compare: pod/NAME.NS, sidecar:NS[:k=v,…] or router:NS:k=v,…')
    .option('--all-proxies', 'blast radius: compare every Pod in either revision')
    .option('--old-dump <file>', 'compare two Envoy config dumps instead (old)')
    .option('--new-dump <file>', 'compare two Envoy config dumps instead (new)')
    .option('-n, --namespace <ns>', 'namespace for objects that have none and for --proxy pod/NAME without .NS', 'default')
    .option('-o, --output <format>', 'text | json | yaml', 'text')
    .option('--exit-code', 'exit 2 when there are differences (like git diff --exit-code, but 1 stays "error")')
    .action(async (paths: string[], o: DiffOpts) => {
      const format = parseChoice('--output', o.output, ['text', 'json', 'yaml'] as const);
      const { runDiff } = await import('./diff-run.ts');
      setExit(runDiff(paths, o, format, io));
    });
}
