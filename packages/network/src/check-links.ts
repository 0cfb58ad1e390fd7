import { EnvironmentLink, NetworkEnvironment } from './environment';

/** Throws unless every link joins two known environments of the same production class. */
export function checkLinks(construct: string, environments: NetworkEnvironment[], links: EnvironmentLink[]): void {
  const byName = new Map(environments.map((e) => [e.name, e]));
  if (byName.size !== environments.length) throw new Error(`${construct}: environment names must be unique`);
  for (const [i, link] of links.entries()) {
    const from = byName.get(link.from);
    const to = byName.get(link.to);
    if (!from || !to) {
      throw new Error(
        `${construct}: links[${i}] names an unknown environment ('${!from ? link.from : link.to}'); use one of ${[...byName.keys()].join(', ')}`,
      );
    }
    if ((from.production ?? false) !== (to.production ?? false)) {
      throw new Error(
        `${construct}: links[${i}] joins production '${from.production ? from.name : to.name}' with non-production '${from.production ? to.name : from.name}'; a production environment is never connected to a non-production one`,
      );
    }
  }
}
