import { isProductionByName } from '../../defaults';
import { isRecord, list, text, walkOrganization } from '../../walk';
import { ValidationError, didYouMean, joinPath } from '../errors';

/** CloudFront takes viewer certificates only from ACM in this region. */
const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

/** The region of an ARN, or undefined when it is not an ARN. */
function regionOf(arn: string | undefined): string | undefined {
  return arn?.split(':')[3];
}

/** The definition's environments and whether each is production, as `resolveDefaults` will decide. */
function environmentsOf(input: Record<string, unknown>): Map<string, boolean> {
  const network = isRecord(input.network) ? input.network : {};
  const environments = isRecord(network.environments) ? network.environments : {};
  return new Map(
    Object.entries(environments).map(([name, plan]) => [
      name,
      isRecord(plan) && typeof plan.production === 'boolean' ? plan.production : isProductionByName(name),
    ]),
  );
}

/**
 * The client VPN, the bastion and the accounts' ingress against the rest of the definition:
 * certificates in the regions AWS needs them, authentication that matches the groups, groups
 * that never reach both production and non-production, environments that exist, ingress on
 * workload accounts only with names no other account uses.
 */
export function checkAccess(input: Record<string, unknown>): ValidationError[] {
  // A home region outside the governed ones is its own error: nothing is checked against it here.
  const governed = list(input.regions).map(text);
  const home = governed.includes(text(input.homeRegion)) ? text(input.homeRegion) : undefined;
  const environments = environmentsOf(input);
  const access = isRecord(input.access) ? input.access : {};
  const identity = isRecord(input.identity) ? input.identity : {};
  const identityGroups = new Map(
    list(identity.groups)
      .filter(isRecord)
      .flatMap((g) => (text(g.name) !== undefined ? [[text(g.name)!, text(g.groupId)] as const] : [])),
  );
  return [
    ...checkVpn(isRecord(access.vpn) ? access.vpn : {}, home, environments, identityGroups),
    ...checkBastion(isRecord(access.bastion) ? access.bastion : {}, environments, identityGroups),
    ...checkIngress(input, home),
  ];
}

function checkEnvironment(
  errors: ValidationError[],
  path: string,
  environment: string | undefined,
  environments: Map<string, boolean>,
): void {
  if (environment === undefined || environments.has(environment)) return;
  errors.push({
    path,
    message: `'${environment}' is not an environment of network.environments`,
    fix: didYouMean(environment, [...environments.keys()]),
  });
}

function checkHomeRegionCertificate(
  errors: ValidationError[],
  path: string,
  arn: string | undefined,
  home: string | undefined,
): void {
  const region = regionOf(arn);
  if (arn === undefined || home === undefined || region === undefined || region === home) return;
  errors.push({
    path,
    message: `the certificate is in ${region}, but the home region is ${home}`,
    fix: `import the certificate into ACM in ${home}, where the resource that presents it is, and give that ARN`,
  });
}

function checkVpn(
  vpn: Record<string, unknown>,
  home: string | undefined,
  environments: Map<string, boolean>,
  identityGroups: Map<string, string | undefined>,
) {
  const errors: ValidationError[] = [];
  const auth = isRecord(vpn.authentication) ? vpn.authentication : undefined;
  const certificate = text(vpn.serverCertificateArn);
  if (certificate !== undefined && auth === undefined) {
    errors.push({
      path: 'access.vpn.authentication',
      message: 'missing: the client VPN has a server certificate but no way to authenticate clients',
      fix: "add authentication: { type: 'saml', samlProviderArn: ... } or { type: 'mutual-tls', clientRootCertificateArn: ... }",
    });
  }
  if (auth !== undefined && certificate === undefined) {
    errors.push({
      path: 'access.vpn.serverCertificateArn',
      message: 'missing: the client VPN has authentication but no server certificate',
      fix: 'import the server certificate into ACM in the shared-services account and give its ARN',
    });
  }
  checkHomeRegionCertificate(errors, 'access.vpn.serverCertificateArn', certificate, home);
  const type = auth ? text(auth.type) : undefined;
  if (auth && type === 'mutual-tls') {
    if (text(auth.clientRootCertificateArn) === undefined) {
      errors.push({
        path: 'access.vpn.authentication.clientRootCertificateArn',
        message: 'missing: mutual TLS needs the CA that issues client certificates',
        fix: 'import the client CA certificate into ACM and give its ARN',
      });
    }
    checkHomeRegionCertificate(
      errors,
      'access.vpn.authentication.clientRootCertificateArn',
      text(auth.clientRootCertificateArn),
      home,
    );
    for (const field of ['samlProviderArn', 'selfServiceSamlProviderArn']) {
      if (auth[field] !== undefined) {
        errors.push({
          path: `access.vpn.authentication.${field}`,
          message: 'is for SAML federation, but type is mutual-tls',
          fix: `remove ${field}, or set type: 'saml'`,
        });
      }
    }
  }
  if (auth && type === 'saml') {
    if (text(auth.samlProviderArn) === undefined) {
      errors.push({
        path: 'access.vpn.authentication.samlProviderArn',
        message: "missing: SAML federation needs the identity provider's IAM SAML provider",
        fix: 'create the SAML provider (IAM Identity Center application metadata) in the shared-services account and give its ARN',
      });
    }
    if (auth.clientRootCertificateArn !== undefined) {
      errors.push({
        path: 'access.vpn.authentication.clientRootCertificateArn',
        message: 'is for mutual TLS, but type is saml',
        fix: "remove clientRootCertificateArn, or set type: 'mutual-tls'",
      });
    }
  }
  errors.push(...checkVpnGroups(vpn, type, environments, identityGroups));
  return errors;
}

function checkVpnGroups(
  vpn: Record<string, unknown>,
  type: string | undefined,
  environments: Map<string, boolean>,
  identityGroups: Map<string, string | undefined>,
): ValidationError[] {
  const errors: ValidationError[] = [];
  const groups = list(vpn.groups).filter(isRecord);
  if (type === 'mutual-tls' && groups.length > 1) {
    errors.push({
      path: 'access.vpn.groups',
      message: `${groups.length} groups, but client certificates do not tell groups apart`,
      fix: "keep one group for mutual TLS, or use type: 'saml' to give groups different networks",
    });
  }
  const seen = new Set<string>();
  groups.forEach((group, i) => {
    const path = joinPath('access.vpn.groups', i);
    const name = text(group.name);
    if (name !== undefined && seen.has(name)) {
      errors.push({
        path: joinPath(path, 'name'),
        message: `duplicate group '${name}'`,
        fix: 'give each group its own name',
      });
    }
    if (name !== undefined) seen.add(name);
    const identity = name !== undefined ? identityGroups.get(name) : undefined;
    // SAML groups are the identity provider's: with identity groups, the VPN names the same ones.
    if (type === 'saml' && identityGroups.size > 0 && name !== undefined && identity === undefined) {
      errors.push({
        path: joinPath(path, 'name'),
        message: `'${name}' is not a group of identity.groups: the VPN and IAM Identity Center must name the same groups`,
        fix: didYouMean(name, [...identityGroups.keys()]),
      });
    }
    const groupId = text(group.groupId);
    if (identity !== undefined && groupId !== undefined && groupId !== identity) {
      errors.push({
        path: joinPath(path, 'groupId'),
        message: `is ${groupId}, but identity.groups names ${name} with ${identity}`,
        fix: 'remove groupId here: the VPN takes the identity group ID',
      });
    }
    if (type === 'saml' && groupId === undefined && identity === undefined) {
      errors.push({
        path: joinPath(path, 'groupId'),
        message: 'missing: with SAML, a rule without a group ID would admit every user',
        fix: "give the identity provider's group ID (IAM Identity Center: the group's ID)",
      });
    }
    if (type === 'mutual-tls' && group.groupId !== undefined) {
      errors.push({
        path: joinPath(path, 'groupId'),
        message: 'mutual TLS has no groups: the rule would never match',
        fix: "remove groupId, or use type: 'saml'",
      });
    }
    const reached = list(group.environments).map(text);
    reached.forEach((env, j) =>
      checkEnvironment(errors, joinPath(joinPath(path, 'environments'), j), env, environments),
    );
    const known = reached.filter((e): e is string => e !== undefined && environments.has(e));
    const prod = known.filter((e) => environments.get(e));
    const other = known.filter((e) => !environments.get(e));
    if (prod.length > 0 && other.length > 0) {
      errors.push({
        path: joinPath(path, 'environments'),
        message: `reaches production ${prod.join(', ')} and non-production ${other.join(', ')}: dev must never reach prod, not even through one person's VPN session`,
        fix: `split the group: one for ${prod.join(', ')}, one for ${other.join(', ')}`,
      });
    }
  });
  return errors;
}

function checkBastion(
  bastion: Record<string, unknown>,
  environments: Map<string, boolean>,
  identityGroups: Map<string, string | undefined>,
): ValidationError[] {
  const errors: ValidationError[] = [];
  list(bastion.groups).forEach((group, i) => {
    const name = text(group);
    if (name === undefined || identityGroups.has(name)) return;
    errors.push({
      path: joinPath('access.bastion.groups', i),
      message: `'${name}' is not a group of identity.groups`,
      fix:
        identityGroups.size > 0
          ? didYouMean(name, [...identityGroups.keys()])
          : 'add the group to identity.groups (with its IAM Identity Center group ID), or remove it here',
    });
  });
  const seen = new Set<string>();
  list(bastion.portForwarding).forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const path = joinPath('access.bastion.portForwarding', i);
    checkEnvironment(errors, joinPath(path, 'environment'), text(entry.environment), environments);
    const key = `${text(entry.environment)}:${String(entry.port)}`;
    if (seen.has(key)) {
      errors.push({ path, message: `duplicate of ${key}`, fix: 'list each environment and port once' });
    }
    seen.add(key);
  });
  return errors;
}

function checkIngress(input: Record<string, unknown>, home: string | undefined): ValidationError[] {
  const errors: ValidationError[] = [];
  const names = new Map<string, string>();
  for (const { path: accountPath, account } of walkOrganization(input.organization).accounts) {
    if (!isRecord(account.ingress)) continue;
    const path = joinPath(accountPath, 'ingress');
    const ingress = account.ingress;
    if (account.role !== 'workload') {
      errors.push({
        path,
        message: `is for workload accounts, and this account's role is ${text(account.role) ?? 'unset'}`,
        fix: 'remove ingress, or put the public entry in a workload account',
      });
    }
    if (home !== undefined && home !== CLOUDFRONT_CERTIFICATE_REGION) {
      errors.push({
        path,
        message: `needs the home region to be ${CLOUDFRONT_CERTIFICATE_REGION}, where CloudFront's web ACL and log delivery live; Landfall does not yet split the ingress across regions, and the home region is ${home}`,
        fix: `remove ingress and build the public entry with @landfall/ingress in accounts/<name>/index.ts (an IngressWebAcl in a ${CLOUDFRONT_CERTIFICATE_REGION} stack, its ARN as cloudFrontWebAclArn), or use homeRegion ${CLOUDFRONT_CERTIFICATE_REGION}`,
      });
    }
    checkHomeRegionCertificate(
      errors,
      joinPath(path, 'originCertificateArn'),
      text(ingress.originCertificateArn),
      home,
    );
    const viewer = regionOf(text(ingress.viewerCertificateArn));
    if (viewer !== undefined && viewer !== CLOUDFRONT_CERTIFICATE_REGION) {
      errors.push({
        path: joinPath(path, 'viewerCertificateArn'),
        message: `the certificate is in ${viewer}, and CloudFront uses certificates from ${CLOUDFRONT_CERTIFICATE_REGION} only`,
        fix: `request or import the certificate in ACM in ${CLOUDFRONT_CERTIFICATE_REGION} and give that ARN`,
      });
    }
    const hostnames: Array<[string, string | undefined]> = [
      [joinPath(path, 'originDomainName'), text(ingress.originDomainName)],
      ...list(ingress.domainNames).map((n, j): [string, string | undefined] => [
        joinPath(joinPath(path, 'domainNames'), j),
        text(n),
      ]),
    ];
    for (const [where, name] of hostnames) {
      if (name === undefined) continue;
      const owner = names.get(name);
      if (owner !== undefined) {
        errors.push({
          path: where,
          message: `'${name}' is already used at ${owner}`,
          fix: 'give each name to one entry only: CloudFront serves a name from one distribution',
        });
      } else {
        names.set(name, where);
      }
    }
  }
  return errors;
}
