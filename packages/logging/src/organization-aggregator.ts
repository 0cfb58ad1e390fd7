// The one reason Landfall gives for an IAM wildcard, shared with the encryption baseline's deploy-time calls.
import { WILDCARD_REASON } from '@landfall/encryption/lib/account-settings-call';
import { Stack, Validations } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Props of `OrganizationConfigAggregator`. */
export interface OrganizationConfigAggregatorProps {
  /** Regions whose configuration and compliance data the aggregator collects. */
  readonly regions: string[];
  /**
   * Name of the aggregator.
   * @default 'landfall-organization'
   */
  readonly aggregatorName?: string;
}

/**
 * An AWS Config aggregator of every account and governed region of the organization, in
 * Config's delegated administrator (the audit account): one place to see every resource's
 * configuration and every rule's compliance. Its role may only read the organization's
 * structure, which is what AWS Config needs to find the accounts.
 *
 * HIPAA: 164.308(a)(1)(ii)(D) information system activity review; 164.308(a)(8)
 * evaluation; 164.312(b) audit controls.
 */
export class OrganizationConfigAggregator extends Construct {
  public readonly aggregator: config.CfnConfigurationAggregator;

  constructor(scope: Construct, id: string, props: OrganizationConfigAggregatorProps) {
    super(scope, id);
    if (props.regions.length === 0) {
      throw new Error('OrganizationConfigAggregator: regions is empty — give the governed regions');
    }
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'AWS Config reads the organization to aggregate its accounts (Landfall)',
    });
    const policy = new iam.ManagedPolicy(this, 'ReadTheOrganization', {
      path: '/landfall/',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          // What AWS's AWSConfigRoleForOrganizations grants; none of these actions has a resource type.
          actions: [
            'organizations:DescribeOrganization',
            'organizations:ListAccounts',
            'organizations:ListAWSServiceAccessForOrganization',
            'organizations:ListDelegatedAdministrators',
          ],
          resources: ['*'],
        }),
      ],
    });
    Validations.of(policy).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: WILDCARD_REASON });
    this.aggregator = new config.CfnConfigurationAggregator(this, 'Aggregator', {
      configurationAggregatorName: props.aggregatorName ?? 'landfall-organization',
      organizationAggregationSource: { roleArn: role.roleArn, awsRegions: props.regions, allAwsRegions: false },
    });
  }
}
