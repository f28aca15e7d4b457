/**
 * Would making `milestone` depend on `dependsOn` create a cycle? True when `milestone` is already
 * reachable from any of them along existing depends-on edges (or depends on itself).
 */
export function createsCycle(milestone: string, dependsOn: string[], edges: Map<string, string[]>): boolean {
  const seen = new Set<string>();
  const stack = [...dependsOn];
  while (stack.length) {
    const next = stack.pop()!;
    if (next === milestone) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(edges.get(next) ?? []));
  }
  return false;
}
