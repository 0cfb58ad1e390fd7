import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';
import { HipaaConfigRule, HipaaConformancePack } from './hipaa-conformance-pack';

/** AWS Config's limit on a conformance pack's template body, in bytes. */
const CONFORMANCE_PACK_TEMPLATE_LIMIT = 51_200;

/** Props of `OrganizationHipaaRules`. */
export interface OrganizationHipaaRulesProps {
  /**
   * Name of the organization conformance pack.
   * @default 'landfall-hipaa-security'
   */
  readonly packName?: string;
  /**
   * Accounts the pack is not deployed to (AWS Config deploys it to every other account of
   * the organization, including accounts created later).
   * @default - none
   */
  readonly excludedAccounts?: string[];
}

/**
 * The detective rules of AWS's HIPAA Security conformance pack, deployed to every account
 * of the organization as an organization conformance pack from Config's delegated
 * administrator (the audit account), in one region. Each rule keeps AWS's parameters and
 * the HIPAA sections AWS maps it to (`HipaaConformancePack.RULES`); the rules Landfall does
 * not deploy are listed there with the reason.
 *
 * HIPAA: 164.308(a)(1)(ii)(D) information system activity review; 164.308(a)(8)
 * evaluation; 164.312(b) audit controls; and, rule by rule, every 164.312 section the
 * pack maps.
 */
export class OrganizationHipaaRules extends Construct {
  /** The conformance pack template of some rules, as AWS Config reads it: minified JSON. */
  public static templateOf(rules: HipaaConfigRule[]): string {
    return conformancePackTemplate(rules);
  }

  public readonly pack: config.CfnOrganizationConformancePack;
  /** The rules deployed. */
  public readonly rules: HipaaConfigRule[];

  constructor(scope: Construct, id: string, props: OrganizationHipaaRulesProps = {}) {
    super(scope, id);
    this.rules = HipaaConformancePack.RULES.filter((r) => !r.notDeployed);
    const templateBody = OrganizationHipaaRules.templateOf(this.rules);
    if (Buffer.byteLength(templateBody) > CONFORMANCE_PACK_TEMPLATE_LIMIT) {
      throw new Error(
        `OrganizationHipaaRules: the pack's template is ${Buffer.byteLength(templateBody)} bytes; AWS Config accepts ${CONFORMANCE_PACK_TEMPLATE_LIMIT}`,
      );
    }
    this.pack = new config.CfnOrganizationConformancePack(this, 'Pack', {
      organizationConformancePackName: props.packName ?? 'landfall-hipaa-security',
      templateBody,
      excludedAccounts: props.excludedAccounts?.length ? props.excludedAccounts : undefined,
    });
  }
}

function conformancePackTemplate(rules: readonly HipaaConfigRule[]): string {
  const resources: Record<string, unknown> = {};
  for (const rule of rules) {
    resources[logicalId(rule.name)] = {
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        ConfigRuleName: rule.name,
        Description: `HIPAA ${rule.hipaa.join(', ')}`,
        Source: { Owner: 'AWS', SourceIdentifier: rule.identifier },
        ...(rule.parameters && Object.keys(rule.parameters).length > 0 ? { InputParameters: rule.parameters } : {}),
        ...(rule.maximumExecutionFrequency ? { MaximumExecutionFrequency: rule.maximumExecutionFrequency } : {}),
        ...(rule.resourceTypes?.length ? { Scope: { ComplianceResourceTypes: rule.resourceTypes } } : {}),
      },
    };
  }
  return JSON.stringify({ Resources: resources });
}

function logicalId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}
