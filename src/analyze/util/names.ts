/** Istio's `resource.FullName.String()`: `namespace/name`, or just `name` when the namespace is empty. */
export function fullName(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export const refName = (o: { ref: { namespace?: string; name: string } }): string => fullName(o.ref.namespace, o.ref.name);
