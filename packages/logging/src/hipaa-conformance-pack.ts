/*
 * AWS's "Operational Best Practices for HIPAA Security" conformance pack, as data.
 *
 * Sources (AWS's own):
 * - The pack template, for each rule's ConfigRuleName, SourceIdentifier, InputParameters (the
 *   template's parameter defaults) and Scope.ComplianceResourceTypes:
 *   https://github.com/awslabs/aws-config-rules/blob/master/aws-config-conformance-packs/Operational-Best-Practices-for-HIPAA-Security.yaml
 *   The template sets no MaximumExecutionFrequency on any rule, so none is set here.
 * - The docs page that maps each rule to HIPAA Security Rule sections:
 *   https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-hipaa_security.html
 *   Its 164.312 sections are taken as the repository's reference list gives them; the
 *   164.308(a)(1)(ii)(A) row (annual-risk-assessment-performed) from the page itself; its other
 *   164.308 sections (and the one extra 164.312 section of rds-logging-enabled) as AWS
 *   reproduces the page's control IDs in its own rule sets:
 *   https://github.com/aws-cloudformation/aws-guard-rules-registry/blob/main/mappings/rule_set_hipaa_security.json
 *   https://github.com/cdklabs/cdk-nag/blob/main/src/packs/hipaa-security.ts
 *   For the rules none of these cover (32, mostly ones AWS added to the pack later), the
 *   sections are Landfall's own reading of the Security Rule, marked `mappedBy: 'landfall'`
 *   (the four OpenSearch rules take AWS's mapping of the Elasticsearch rules they succeed);
 *   the generated docs show which mapping is whose.
 *
 * The `landfall` tests check this table against the reference lists in the repository's tests.
 */

/** One AWS managed Config rule of the HIPAA Security conformance pack. */
export interface HipaaConfigRule {
  /** AWS managed rule identifier (the rule's SourceIdentifier), e.g. `CLOUD_TRAIL_ENABLED`. */
  readonly identifier: string;
  /** ConfigRuleName in AWS's pack, e.g. `cloudtrail-enabled`. */
  readonly name: string;
  /** HIPAA Security Rule sections AWS maps the rule to, e.g. `164.312(b)`, `164.308(a)(1)(ii)(D)`. */
  readonly hipaa: string[];
  /** InputParameters as AWS's pack sets them (all values strings); omitted when none. */
  readonly parameters?: Record<string, string>;
  /** For periodic rules, as AWS's pack sets it: One_Hour | Three_Hours | Six_Hours | Twelve_Hours | TwentyFour_Hours. */
  readonly maximumExecutionFrequency?: string;
  /** Scope.ComplianceResourceTypes as AWS's pack sets it; omitted when the pack sets none. */
  readonly resourceTypes?: string[];
  /**
   * Who maps the rule to `hipaa`: omitted when AWS does (its conformance pack's published
   * mapping); `landfall` when the mapping is Landfall's own, from the Security Rule's text,
   * because AWS's mapping of the rule could not be sourced.
   */
  readonly mappedBy?: string;
  /** Why Landfall does not deploy this rule; omitted when it is deployed. */
  readonly notDeployed?: string;
}

/** AWS's HIPAA Security conformance pack. */
export class HipaaConformancePack {
  /** The pack's 130 rules, in the order of the reference list. */
  public static readonly RULES: HipaaConfigRule[] = [
    {
      identifier: 'ACCESS_KEYS_ROTATED',
      name: 'access-keys-rotated',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(5)(ii)(D)', '164.312(d)'],
      mappedBy: 'landfall',
      parameters: {
        maxAccessKeyAge: '90',
      },
    },
    {
      identifier: 'ACM_CERTIFICATE_EXPIRATION_CHECK',
      name: 'acm-certificate-expiration-check',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::ACM::Certificate'],
    },
    {
      identifier: 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK',
      name: 'alb-http-to-https-redirection-check',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
    },
    {
      identifier: 'ALB_WAF_ENABLED',
      name: 'alb-waf-enabled',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(1)(ii)(B)', '164.312(e)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    },
    {
      identifier: 'API_GW_ASSOCIATED_WITH_WAF',
      name: 'api-gw-associated-with-waf',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(1)(ii)(B)', '164.312(e)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::ApiGateway::Stage'],
    },
    {
      identifier: 'API_GW_EXECUTION_LOGGING_ENABLED',
      name: 'api-gw-execution-logging-enabled',
      hipaa: ['164.312(b)'],
      resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
    },
    {
      identifier: 'API_GW_SSL_ENABLED',
      name: 'api-gw-ssl-enabled',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::ApiGateway::Stage'],
    },
    {
      identifier: 'AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
      name: 'aurora-resources-protected-by-backup-plan',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::RDS::DBCluster'],
    },
    {
      identifier: 'AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED',
      name: 'autoscaling-group-elb-healthcheck-required',
      hipaa: ['164.312(b)'],
      resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
    },
    {
      identifier: 'AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED',
      name: 'autoscaling-launch-config-public-ip-disabled',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(B)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
        '164.312(e)(1)',
      ],
      resourceTypes: ['AWS::AutoScaling::LaunchConfiguration'],
    },
    {
      identifier: 'AWS_CONFIG_PROCESS_CHECK',
      name: 'annual-risk-assessment-performed',
      hipaa: ['164.308(a)(1)(ii)(A)'],
    },
    {
      identifier: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
      name: 'backup-plan-min-frequency-and-min-retention-check',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::Backup::BackupPlan'],
    },
    {
      identifier: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
      name: 'backup-recovery-point-encrypted',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(ii)(A)', '164.312(a)(2)(iv)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::Backup::RecoveryPoint'],
    },
    {
      identifier: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
      name: 'backup-recovery-point-manual-deletion-disabled',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::Backup::BackupVault'],
    },
    {
      identifier: 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED',
      name: 'cloudtrail-s3-dataevents-enabled',
      hipaa: ['164.308(a)(3)(ii)(A)', '164.312(b)'],
    },
    {
      identifier: 'CLOUDWATCH_ALARM_ACTION_CHECK',
      name: 'cloudwatch-alarm-action-check',
      hipaa: ['164.312(b)'],
      parameters: {
        alarmActionRequired: 'true',
        insufficientDataActionRequired: 'true',
        okActionRequired: 'false',
      },
      resourceTypes: ['AWS::CloudWatch::Alarm'],
    },
    {
      identifier: 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED',
      name: 'cloud-trail-cloud-watch-logs-enabled',
      hipaa: ['164.308(a)(3)(ii)(A)', '164.312(b)'],
    },
    {
      identifier: 'CLOUD_TRAIL_ENABLED',
      name: 'cloudtrail-enabled',
      hipaa: ['164.312(b)'],
    },
    {
      identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
      name: 'cloud-trail-encryption-enabled',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    },
    {
      identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
      name: 'cloud-trail-log-file-validation-enabled',
      hipaa: ['164.312(c)(1)', '164.312(c)(2)'],
    },
    {
      identifier: 'CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK',
      name: 'codebuild-project-envvar-awscred-check',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)'],
      resourceTypes: ['AWS::CodeBuild::Project'],
    },
    {
      identifier: 'CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK',
      name: 'codebuild-project-source-repo-url-check',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)'],
      resourceTypes: ['AWS::CodeBuild::Project'],
    },
    {
      identifier: 'DB_INSTANCE_BACKUP_ENABLED',
      name: 'db-instance-backup-enabled',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
      resourceTypes: ['AWS::RDS::DBInstance'],
    },
    {
      identifier: 'DMS_REPLICATION_NOT_PUBLIC',
      name: 'dms-replication-not-public',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
    },
    {
      identifier: 'DYNAMODB_AUTOSCALING_ENABLED',
      name: 'dynamodb-autoscaling-enabled',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)'],
      resourceTypes: ['AWS::DynamoDB::Table'],
    },
    {
      identifier: 'DYNAMODB_IN_BACKUP_PLAN',
      name: 'dynamodb-in-backup-plan',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
    },
    {
      identifier: 'DYNAMODB_PITR_ENABLED',
      name: 'dynamodb-pitr-enabled',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
      resourceTypes: ['AWS::DynamoDB::Table'],
    },
    {
      identifier: 'DYNAMODB_THROUGHPUT_LIMIT_CHECK',
      name: 'dynamodb-throughput-limit-check',
      hipaa: ['164.312(b)'],
    },
    {
      identifier: 'EBS_IN_BACKUP_PLAN',
      name: 'ebs-in-backup-plan',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
    },
    {
      identifier: 'EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK',
      name: 'ebs-snapshot-public-restorable-check',
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
    },
    {
      identifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT',
      name: 'ec2-ebs-encryption-by-default',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    },
    {
      identifier: 'EC2_IMDSV2_CHECK',
      name: 'ec2-imdsv2-check',
      hipaa: ['164.312(a)(1)'],
      resourceTypes: ['AWS::EC2::Instance'],
    },
    {
      identifier: 'EC2_INSTANCE_MANAGED_BY_SSM',
      name: 'ec2-instance-managed-by-systems-manager',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(B)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::EC2::Instance', 'AWS::SSM::ManagedInstanceInventory'],
    },
    {
      identifier: 'EC2_INSTANCE_NO_PUBLIC_IP',
      name: 'ec2-instance-no-public-ip',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::EC2::Instance'],
    },
    {
      identifier: 'EC2_INSTANCE_PROFILE_ATTACHED',
      name: 'ec2-instance-profile-attached',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(A)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
      ],
      resourceTypes: ['AWS::EC2::Instance'],
    },
    {
      identifier: 'EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK',
      name: 'ec2-managedinstance-association-compliance-status-check',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(1)(ii)(B)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::SSM::AssociationCompliance'],
    },
    {
      identifier: 'EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK',
      name: 'ec2-managedinstance-patch-compliance-status-check',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(B)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::SSM::PatchCompliance'],
    },
    {
      identifier: 'EC2_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
      name: 'ec2-resources-protected-by-backup-plan',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::EC2::Instance'],
    },
    {
      identifier: 'EC2_STOPPED_INSTANCE',
      name: 'ec2-stopped-instance',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(1)(ii)(B)'],
      mappedBy: 'landfall',
    },
    {
      identifier: 'ECS_CONTAINERS_READONLY_ACCESS',
      name: 'ecs-containers-readonly-access',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(c)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::ECS::TaskDefinition'],
    },
    {
      identifier: 'ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK',
      name: 'ecs-task-definition-user-for-host-mode-check',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(A)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
      ],
      resourceTypes: ['AWS::ECS::TaskDefinition'],
    },
    {
      identifier: 'EFS_ENCRYPTED_CHECK',
      name: 'efs-encrypted-check',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    },
    {
      identifier: 'EFS_IN_BACKUP_PLAN',
      name: 'efs-in-backup-plan',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
    },
    {
      identifier: 'ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK',
      name: 'elasticache-redis-cluster-automatic-backup-check',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
    },
    {
      identifier: 'ELASTICSEARCH_ENCRYPTED_AT_REST',
      name: 'elasticsearch-encrypted-at-rest',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    },
    {
      identifier: 'ELASTICSEARCH_IN_VPC_ONLY',
      name: 'elasticsearch-in-vpc-only',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
    },
    {
      identifier: 'ELASTICSEARCH_LOGS_TO_CLOUDWATCH',
      name: 'elasticsearch-logs-to-cloudwatch',
      hipaa: ['164.308(a)(3)(ii)(A)', '164.312(b)'],
      resourceTypes: ['AWS::Elasticsearch::Domain'],
    },
    {
      identifier: 'ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK',
      name: 'elasticsearch-node-to-node-encryption-check',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::Elasticsearch::Domain'],
    },
    {
      identifier: 'ELASTIC_BEANSTALK_MANAGED_UPDATES_ENABLED',
      name: 'elastic-beanstalk-managed-updates-enabled',
      hipaa: ['164.308(a)(5)(ii)(A)'],
      resourceTypes: ['AWS::ElasticBeanstalk::Environment'],
    },
    {
      identifier: 'ELBV2_ACM_CERTIFICATE_REQUIRED',
      name: 'elbv2-acm-certificate-required',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    },
    {
      identifier: 'ELB_ACM_CERTIFICATE_REQUIRED',
      name: 'elb-acm-certificate-required',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    },
    {
      identifier: 'ELB_CROSS_ZONE_LOAD_BALANCING_ENABLED',
      name: 'elb-cross-zone-load-balancing-enabled',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)'],
      resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    },
    {
      identifier: 'ELB_DELETION_PROTECTION_ENABLED',
      name: 'elb-deletion-protection-enabled',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)'],
      resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    },
    {
      identifier: 'ELB_LOGGING_ENABLED',
      name: 'elb-logging-enabled',
      hipaa: ['164.312(b)'],
      resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
    },
    {
      identifier: 'ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK',
      name: 'elb-predefined-security-policy-ssl-check',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
      mappedBy: 'landfall',
      parameters: {
        predefinedPolicyName: 'ELBSecurityPolicy-TLS-1-2-2017-01',
      },
      resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    },
    {
      identifier: 'ELB_TLS_HTTPS_LISTENERS_ONLY',
      name: 'elb-tls-https-listeners-only',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    },
    {
      identifier: 'EMR_KERBEROS_ENABLED',
      name: 'emr-kerberos-enabled',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(A)',
        '164.308(a)(3)(ii)(B)',
        '164.308(a)(4)(i)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
      ],
    },
    {
      identifier: 'EMR_MASTER_NO_PUBLIC_IP',
      name: 'emr-master-no-public-ip',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
    },
    {
      identifier: 'ENCRYPTED_VOLUMES',
      name: 'encrypted-volumes',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::EC2::Volume'],
    },
    {
      identifier: 'GUARDDUTY_ENABLED_CENTRALIZED',
      name: 'guardduty-enabled-centralized',
      hipaa: ['164.312(b)'],
    },
    {
      identifier: 'IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS',
      name: 'iam-customer-policy-blocked-kms-actions',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
      mappedBy: 'landfall',
      parameters: {
        blockedActionsPatterns: 'kms:*, kms:Decrypt, kms:ReEncrypt*',
      },
      resourceTypes: ['AWS::IAM::Policy'],
    },
    {
      identifier: 'IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS',
      name: 'iam-inline-policy-blocked-kms-actions',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
      mappedBy: 'landfall',
      parameters: {
        blockedActionsPatterns: 'kms:*, kms:Decrypt, kms:ReEncrypt*',
      },
      resourceTypes: ['AWS::IAM::Group', 'AWS::IAM::Role', 'AWS::IAM::User'],
    },
    {
      identifier: 'IAM_NO_INLINE_POLICY_CHECK',
      name: 'iam-no-inline-policy-check',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(A)',
        '164.308(a)(3)(ii)(B)',
        '164.308(a)(4)(i)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
      ],
      resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Role', 'AWS::IAM::Group'],
    },
    {
      identifier: 'IAM_PASSWORD_POLICY',
      name: 'iam-password-policy',
      hipaa: ['164.312(d)'],
      parameters: {
        MaxPasswordAge: '90',
        MinimumPasswordLength: '14',
        PasswordReusePrevention: '24',
        RequireLowercaseCharacters: 'true',
        RequireNumbers: 'true',
        RequireSymbols: 'true',
        RequireUppercaseCharacters: 'true',
      },
    },
    {
      identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
      name: 'iam-policy-no-statements-with-admin-access',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(A)',
        '164.308(a)(3)(ii)(B)',
        '164.308(a)(4)(i)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
      ],
      resourceTypes: ['AWS::IAM::Policy'],
    },
    {
      identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS',
      name: 'iam-policy-no-statements-with-full-access',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(A)',
        '164.308(a)(3)(ii)(B)',
        '164.308(a)(4)(i)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
      ],
      resourceTypes: ['AWS::IAM::Policy'],
    },
    {
      identifier: 'IAM_ROOT_ACCESS_KEY_CHECK',
      name: 'iam-root-access-key-check',
      hipaa: ['164.312(a)(1)', '164.312(a)(2)(i)'],
    },
    {
      identifier: 'IAM_USER_MFA_ENABLED',
      name: 'iam-user-mfa-enabled',
      hipaa: ['164.312(d)'],
    },
    {
      identifier: 'IAM_USER_NO_POLICIES_CHECK',
      name: 'iam-user-no-policies-check',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(A)',
        '164.308(a)(3)(ii)(B)',
        '164.308(a)(4)(i)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
      ],
      resourceTypes: ['AWS::IAM::User'],
    },
    {
      identifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK',
      name: 'iam-user-unused-credentials-check',
      hipaa: ['164.312(a)(1)'],
      parameters: {
        maxCredentialUsageAge: '90',
      },
    },
    {
      identifier: 'INCOMING_SSH_DISABLED',
      name: 'restricted-ssh',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(B)',
        '164.308(a)(4)(i)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
        '164.312(e)(1)',
      ],
      resourceTypes: ['AWS::EC2::SecurityGroup'],
    },
    {
      identifier: 'INSTANCES_IN_VPC',
      name: 'ec2-instances-in-vpc',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::EC2::Instance'],
    },
    {
      identifier: 'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY',
      name: 'internet-gateway-authorized-vpc-only',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(e)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::EC2::InternetGateway'],
      notDeployed:
        "Its AuthorizedVpcIds parameter must list the client's own VPC IDs (AWS's pack leaves it empty, and without it every attached internet gateway is reported NON_COMPLIANT), so no organization-wide default exists; internet exposure is still evaluated by no-unrestricted-route-to-igw and the public-access rules.",
    },
    {
      identifier: 'KINESIS_STREAM_ENCRYPTED',
      name: 'kinesis-stream-encrypted',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::Kinesis::Stream'],
    },
    {
      identifier: 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION',
      name: 'kms-cmk-not-scheduled-for-deletion',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::KMS::Key'],
    },
    {
      identifier: 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
      name: 'lambda-function-public-access-prohibited',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::Lambda::Function'],
    },
    {
      identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
      name: 'mfa-enabled-for-iam-console-access',
      hipaa: ['164.312(d)'],
    },
    {
      identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
      name: 'multi-region-cloudtrail-enabled',
      hipaa: ['164.312(b)'],
    },
    {
      identifier: 'NO_UNRESTRICTED_ROUTE_TO_IGW',
      name: 'no-unrestricted-route-to-igw',
      hipaa: ['164.312(e)(1)'],
      resourceTypes: ['AWS::EC2::RouteTable'],
    },
    {
      identifier: 'OPENSEARCH_ENCRYPTED_AT_REST',
      name: 'opensearch-encrypted-at-rest',
      // AWS's mapping of the Elasticsearch rule this one succeeds (ELASTICSEARCH_ENCRYPTED_AT_REST).
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::OpenSearch::Domain'],
    },
    {
      identifier: 'OPENSEARCH_HTTPS_REQUIRED',
      name: 'opensearch-https-required',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::OpenSearch::Domain'],
    },
    {
      identifier: 'OPENSEARCH_IN_VPC_ONLY',
      name: 'opensearch-in-vpc-only',
      // AWS's mapping of the Elasticsearch rule this one succeeds (ELASTICSEARCH_IN_VPC_ONLY).
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::OpenSearch::Domain'],
    },
    {
      identifier: 'OPENSEARCH_LOGS_TO_CLOUDWATCH',
      name: 'opensearch-logs-to-cloudwatch',
      // AWS's mapping of the Elasticsearch rule this one succeeds (ELASTICSEARCH_LOGS_TO_CLOUDWATCH).
      hipaa: ['164.308(a)(3)(ii)(A)', '164.312(b)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::OpenSearch::Domain'],
    },
    {
      identifier: 'OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK',
      name: 'opensearch-node-to-node-encryption-check',
      // AWS's mapping of the Elasticsearch rule this one succeeds (ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK).
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::OpenSearch::Domain'],
    },
    {
      identifier: 'RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED',
      name: 'rds-automatic-minor-version-upgrade-enabled',
      hipaa: ['164.308(a)(5)(ii)(A)'],
      resourceTypes: ['AWS::RDS::DBInstance'],
    },
    {
      identifier: 'RDS_CLUSTER_DELETION_PROTECTION_ENABLED',
      name: 'rds-cluster-deletion-protection-enabled',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(i)', '164.312(c)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::RDS::DBCluster'],
    },
    {
      identifier: 'RDS_CLUSTER_MULTI_AZ_ENABLED',
      name: 'rds-cluster-multi-az-enabled',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::RDS::DBCluster'],
    },
    {
      identifier: 'RDS_ENHANCED_MONITORING_ENABLED',
      name: 'rds-enhanced-monitoring-enabled',
      hipaa: ['164.312(b)'],
      resourceTypes: ['AWS::RDS::DBInstance'],
    },
    {
      identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
      name: 'rds-instance-public-access-check',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::RDS::DBInstance'],
    },
    {
      identifier: 'RDS_IN_BACKUP_PLAN',
      name: 'rds-in-backup-plan',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
    },
    {
      identifier: 'RDS_LOGGING_ENABLED',
      name: 'rds-logging-enabled',
      hipaa: ['164.308(a)(3)(ii)(A)', '164.308(a)(5)(ii)(C)', '164.312(b)'],
      resourceTypes: ['AWS::RDS::DBInstance'],
    },
    {
      identifier: 'RDS_MULTI_AZ_SUPPORT',
      name: 'rds-multi-az-support',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)'],
      resourceTypes: ['AWS::RDS::DBInstance'],
    },
    {
      identifier: 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED',
      name: 'rds-snapshots-public-prohibited',
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::RDS::DBSnapshot', 'AWS::RDS::DBClusterSnapshot'],
    },
    {
      identifier: 'RDS_SNAPSHOT_ENCRYPTED',
      name: 'rds-snapshot-encrypted',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::RDS::DBSnapshot', 'AWS::RDS::DBClusterSnapshot'],
    },
    {
      identifier: 'RDS_STORAGE_ENCRYPTED',
      name: 'rds-storage-encrypted',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::RDS::DBInstance'],
    },
    {
      identifier: 'REDSHIFT_BACKUP_ENABLED',
      name: 'redshift-backup-enabled',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
      resourceTypes: ['AWS::Redshift::Cluster'],
    },
    {
      identifier: 'REDSHIFT_CLUSTER_CONFIGURATION_CHECK',
      name: 'redshift-cluster-configuration-check',
      hipaa: ['164.312(a)(2)(iv)', '164.312(b)', '164.312(e)(2)(ii)'],
      parameters: {
        clusterDbEncrypted: 'true',
        loggingEnabled: 'true',
      },
      resourceTypes: ['AWS::Redshift::Cluster'],
    },
    {
      identifier: 'REDSHIFT_CLUSTER_MAINTENANCESETTINGS_CHECK',
      name: 'redshift-cluster-maintenancesettings-check',
      hipaa: ['164.308(a)(5)(ii)(A)', '164.308(a)(7)(ii)(A)'],
      parameters: {
        allowVersionUpgrade: 'true',
      },
      resourceTypes: ['AWS::Redshift::Cluster'],
    },
    {
      identifier: 'REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK',
      name: 'redshift-cluster-public-access-check',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::Redshift::Cluster'],
    },
    {
      identifier: 'REDSHIFT_REQUIRE_TLS_SSL',
      name: 'redshift-require-tls-ssl',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::Redshift::Cluster'],
    },
    {
      identifier: 'RESTRICTED_INCOMING_TRAFFIC',
      name: 'restricted-common-ports',
      hipaa: [
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(B)',
        '164.308(a)(4)(i)',
        '164.308(a)(4)(ii)(A)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(4)(ii)(C)',
        '164.312(a)(1)',
        '164.312(e)(1)',
      ],
      parameters: {
        blockedPort1: '20',
        blockedPort2: '21',
        blockedPort3: '3389',
        blockedPort4: '3306',
        blockedPort5: '4333',
      },
      resourceTypes: ['AWS::EC2::SecurityGroup'],
    },
    {
      identifier: 'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED',
      name: 'root-account-hardware-mfa-enabled',
      hipaa: ['164.312(d)'],
    },
    {
      identifier: 'ROOT_ACCOUNT_MFA_ENABLED',
      name: 'root-account-mfa-enabled',
      hipaa: ['164.312(d)'],
    },
    {
      identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
      name: 's3-account-level-public-access-blocks-periodic',
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      parameters: {
        BlockPublicAcls: 'true',
        BlockPublicPolicy: 'true',
        IgnorePublicAcls: 'true',
        RestrictPublicBuckets: 'true',
      },
    },
    {
      identifier: 'S3_BUCKET_ACL_PROHIBITED',
      name: 's3-bucket-acl-prohibited',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(4)(ii)(A)', '164.312(a)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
      name: 's3-bucket-default-lock-enabled',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(c)(1)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_BUCKET_LOGGING_ENABLED',
      name: 's3-bucket-logging-enabled',
      hipaa: ['164.308(a)(3)(ii)(A)', '164.312(b)'],
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
      name: 's3-bucket-public-read-prohibited',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
      name: 's3-bucket-public-write-prohibited',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_BUCKET_REPLICATION_ENABLED',
      name: 's3-bucket-replication-enabled',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
      name: 's3-bucket-server-side-encryption-enabled',
      hipaa: ['164.312(a)(2)(iv)', '164.312(c)(2)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
      name: 's3-bucket-ssl-requests-only',
      hipaa: ['164.312(a)(2)(iv)', '164.312(c)(2)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_BUCKET_VERSIONING_ENABLED',
      name: 's3-bucket-versioning-enabled',
      hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.312(c)(1)', '164.312(c)(2)'],
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_DEFAULT_ENCRYPTION_KMS',
      name: 's3-default-encryption-kms',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_EVENT_NOTIFICATIONS_ENABLED',
      name: 's3-event-notifications-enabled',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.312(b)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'S3_VERSION_LIFECYCLE_POLICY_CHECK',
      name: 's3-version-lifecycle-policy-check',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(ii)(A)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::S3::Bucket'],
    },
    {
      identifier: 'SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED',
      name: 'sagemaker-endpoint-configuration-kms-key-configured',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    },
    {
      identifier: 'SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED',
      name: 'sagemaker-notebook-instance-kms-key-configured',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    },
    {
      identifier: 'SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS',
      name: 'sagemaker-notebook-no-direct-internet-access',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
    },
    {
      identifier: 'SECRETSMANAGER_ROTATION_ENABLED_CHECK',
      name: 'secretsmanager-rotation-enabled-check',
      hipaa: ['164.308(a)(4)(ii)(B)'],
      resourceTypes: ['AWS::SecretsManager::Secret'],
    },
    {
      identifier: 'SECRETSMANAGER_USING_CMK',
      name: 'secretsmanager-using-cmk',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::SecretsManager::Secret'],
    },
    {
      identifier: 'SECURITYHUB_ENABLED',
      name: 'securityhub-enabled',
      hipaa: ['164.312(b)'],
    },
    {
      identifier: 'SNS_ENCRYPTED_KMS',
      name: 'sns-encrypted-kms',
      hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      resourceTypes: ['AWS::SNS::Topic'],
    },
    {
      identifier: 'SSM_DOCUMENT_NOT_PUBLIC',
      name: 'ssm-document-not-public',
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
    },
    {
      identifier: 'SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED',
      name: 'subnet-auto-assign-public-ip-disabled',
      hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'],
      resourceTypes: ['AWS::EC2::Subnet'],
    },
    {
      identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
      name: 'vpc-default-security-group-closed',
      hipaa: ['164.312(e)(1)'],
      resourceTypes: ['AWS::EC2::SecurityGroup'],
    },
    {
      identifier: 'VPC_FLOW_LOGS_ENABLED',
      name: 'vpc-flow-logs-enabled',
      hipaa: ['164.308(a)(3)(ii)(A)', '164.312(b)'],
    },
    {
      identifier: 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
      name: 'vpc-sg-open-only-to-authorized-ports',
      hipaa: ['164.312(e)(1)'],
      resourceTypes: ['AWS::EC2::SecurityGroup'],
    },
    {
      identifier: 'VPC_VPN_2_TUNNELS_UP',
      name: 'vpc-vpn-2-tunnels-up',
      // Landfall's mapping: AWS's own mapping of this rule was not reachable offline.
      hipaa: ['164.308(a)(7)(i)'],
      mappedBy: 'landfall',
      resourceTypes: ['AWS::EC2::VPNConnection'],
    },
    {
      identifier: 'WAFV2_LOGGING_ENABLED',
      name: 'wafv2-logging-enabled',
      hipaa: ['164.312(b)'],
    },
  ];
}
