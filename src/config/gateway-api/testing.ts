/** Test fixtures for the Gateway API conversion. */
import type { ConvertContext } from './context.ts';

/** Services default/a, default/b, other/c; ServiceEntry default/ext (api.example.com). */
export const fakeContext: ConvertContext = {
  domainSuffix: 'cluster.local',
  serviceExists: (ns, name) => ['default/a', 'default/b', 'other/c'].includes(`${ns}/${name}`),
  serviceEntryHosts: (ns, name) => (ns === 'default' && name === 'ext' ? ['api.example.com'] : undefined),
  hostnameExists: (h) => ['a.default.svc.cluster.local', 'api.example.com'].includes(h),
};
