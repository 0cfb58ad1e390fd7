import { GuardrailContext, Statement } from './guardrail';

/**
 * IAM Identity Center permission set templates: what each job may do in an account it is assigned to, as AWS managed
 * policies plus an inline policy rendered from the guardrail context. Every session stays bound by the guardrails
 * (SCPs and RCPs): an Identity Center role is no exempt principal. `test/permission-sets.test.ts` proves through the
 * packed policies of the example what each template allows.
 */

/** How much a permission set may do. */
export type PermissionSetAccess = 'administrator' | 'write' | 'read-only' | 'security-triage';

/** The templates, by id: also the permission set's name (`AWSReservedSSO_<id>_<suffix>` is its role). */
export const PERMISSION_SET_IDS = ['Administrator', 'Developer', 'ReadOnly', 'Auditor', 'SecurityTriage'] as const;
export type PermissionSetId = (typeof PERMISSION_SET_IDS)[number];

export interface PermissionSetTemplate {
  readonly id: PermissionSetId;
  /** What the set may do, one sentence for a reviewer (at most 700 characters, the permission set's description). */
  readonly description: string;
  readonly access: PermissionSetAccess;
  /** Whether it can change resources. */
  readonly writes: boolean;
  /** Whether it can read data-plane content (objects, items, secrets, log events) that may hold PHI. */
  readonly readsData: boolean;
  /** AWS managed policies by name, as in the ARN after `policy/`: `job-function/ViewOnlyAccess`. */
  readonly managedPolicies: readonly string[];
  /** Default session duration, 1 to 12 hours. */
  readonly defaultSessionHours: number;
  /** HIPAA Security Rule sections it serves, e.g. `164.312(a)(1)`. */
  readonly hipaa: readonly string[];
  /** The inline policy's statements; none when the managed policies say everything. */
  readonly statements: (context: GuardrailContext) => Statement[];
}

/** An inline policy of a permission set holds at most this many characters (IAM Identity Center quota). */
export const PERMISSION_SET_INLINE_POLICY_MAX_CHARACTERS = 32768;

/** Landfall attaches at most this many AWS managed policies to one permission set. */
export const PERMISSION_SET_MAX_MANAGED_POLICIES = 10;

/**
 * Reads of data-plane content that may hold PHI: stored objects, items and rows, secrets and parameters, log events
 * and query results, queued and streamed records, container images and function code, instance consoles and
 * shells. The read-only sets deny them explicitly, so the proof holds whatever the AWS managed policies grant today
 * or tomorrow.
 *
 * KMS: `kms:Decrypt` and `kms:ReEncryptFrom` are here, since both turn existing ciphertext into something the caller
 * can read (ReEncryptFrom under a key the caller may control). `kms:GenerateDataKey*` is not: it mints a fresh key and
 * reveals no stored content (it only serves writing, which the read-only sets cannot do). Access levels are AWS's
 * (some of these are `Write`, e.g. `kms:Decrypt`, `rds-data:ExecuteStatement`, `ssm:StartSession`): what counts here is
 * what comes back.
 */
export const DATA_PLANE_READ_ACTIONS: readonly string[] = [
  // Amazon S3 objects, also through S3 Object Lambda.
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectTorrent',
  's3:GetObjectVersionTorrent',
  's3-object-lambda:GetObject',
  's3-object-lambda:GetObjectVersion',
  // Whatever is encrypted under a KMS key, read directly.
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  // DynamoDB items and streams.
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  'dynamodb:GetRecords',
  // Relational and warehouse rows: the Data APIs and IAM database authentication.
  'rds-data:ExecuteStatement',
  'rds-data:BatchExecuteStatement',
  'rds-db:connect',
  'redshift-data:GetStatementResult',
  'timestream:Select',
  // Secrets and parameters (SecureString values come back decrypted; the history holds the old ones).
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
  // CloudWatch Logs events, queries, live tails and masked fields.
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  'logs:GetLogRecord',
  'logs:StartQuery',
  'logs:GetQueryResults',
  'logs:StartLiveTail',
  'logs:Unmask',
  // Messages and streams.
  'sqs:ReceiveMessage',
  'kinesis:GetRecords',
  'kinesis:SubscribeToShard',
  'kafka-cluster:ReadData',
  // Query results and search indexes.
  'athena:GetQueryResults',
  'athena:GetQueryResultsStream',
  'es:ESHttpGet',
  'es:ESHttpHead',
  'es:ESHttpPost',
  'aoss:APIAccessAll',
  // Health data stores.
  'healthlake:ReadResource',
  'healthlake:SearchWithGet',
  'healthlake:SearchWithPost',
  'medical-imaging:GetImageFrame',
  'medical-imaging:GetImageSetMetadata',
  // Disks, file systems and consoles of instances, and shells on them.
  'ec2:GetConsoleOutput',
  'ec2:GetConsoleScreenshot',
  'ebs:GetSnapshotBlock',
  'elasticfilesystem:ClientMount',
  'ssm:StartSession',
  // Container images, function code and repositories, which may embed data or credentials.
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'lambda:GetFunction',
  'codecommit:GitPull',
  'codecommit:GetBlob',
  'codecommit:GetFile',
  // Configuration that carries content or credentials in clear: function, task, build and instance environments and
  // user data (a database password read here would open the database through the bastion), and Config's recorded
  // copies of it. The read-only sets cannot list Lambda functions or read a task definition: the price of it.
  'lambda:GetFunctionConfiguration',
  'lambda:ListFunctions',
  'lambda:ListVersionsByFunction',
  'ecs:DescribeTaskDefinition',
  'ecs:DescribeTasks',
  'ecs:ExecuteCommand',
  'codebuild:BatchGetProjects',
  'codebuild:BatchGetBuilds',
  'ec2:DescribeInstanceAttribute',
  'ec2:DescribeLaunchTemplateVersions',
  'codepipeline:GetJobDetails',
  'config:SelectResourceConfig',
  'config:SelectAggregateResourceConfig',
  'config:GetResourceConfigHistory',
  'config:BatchGetResourceConfig',
  'config:BatchGetAggregateResourceConfig',
  'config:GetAggregateResourceConfig',
  // People: user pools' attributes (names, emails, phone numbers, custom fields) and app client secrets; contacts.
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
  'cognito-idp:AdminGetUser',
  'cognito-idp:DescribeUserPoolClient',
  'ses:ListContacts',
  'ses:GetContact',
  // Database logs (statements and their values), traces, execution histories and command output.
  'rds:DownloadDBLogFilePortion',
  'rds:DownloadCompleteDBLogFile',
  'xray:BatchGetTraces',
  'xray:GetTraceSummaries',
  'states:GetExecutionHistory',
  'ssm:GetCommandInvocation',
  'ssm:GetAutomationExecution',
  'datapipeline:QueryObjects',
  'datapipeline:GetPipelineDefinition',
  'cloudwatch:GetInsightRuleReport',
  'lex:GetUtterancesView',
  // Newer stores: S3 Express sessions, S3 Tables, S3 Vectors, SageMaker feature records, block lists of snapshots, streams.
  's3express:CreateSession',
  's3tables:GetTableData',
  's3vectors:GetVectors',
  's3vectors:ListVectors',
  's3vectors:QueryVectors',
  'sagemaker:GetRecord',
  'ebs:ListSnapshotBlocks',
  'dynamodb:GetShardIterator',
  'security-ir:GetCaseAttachmentDownloadUrl',
];

/** The S3 object reads the Auditor may make in the log archive, and no other bucket. */
const LOG_ARCHIVE_OBJECT_READS = ['s3:GetObject', 's3:GetObjectVersion'];
/** The bucket reads that go with them. */
const LOG_ARCHIVE_BUCKET_READS = ['s3:ListBucket', 's3:GetBucketLocation'];
/** `kms:ViaService` of S3 in any region: the Auditor decrypts only what S3 serves it. */
const VIA_S3 = 's3.*.amazonaws.com';

/**
 * Finding triage in the security tooling account: workflow status (but not suppression), notes and feedback. Nothing
 * that hides a finding for good: no archiving (a GuardDuty finding archived by the administrator is not published
 * again), no Access Analyzer archive, no filters or automation rules; `DenySuppressingFindings` below keeps Security
 * Hub's workflow away from SUPPRESSED and its severity as the provider set it.
 */
export const FINDING_TRIAGE_ACTIONS: readonly string[] = [
  'securityhub:BatchUpdateFindings',
  'securityhub:GetFindings',
  'guardduty:UpdateFindingsFeedback',
  'guardduty:GetFindings',
  'guardduty:ListFindings',
  'inspector2:ListFindings',
];

const denyDataPlaneReads = (actions: readonly string[] = DATA_PLANE_READ_ACTIONS): Statement => ({
  Sid: 'DenyDataPlaneReads',
  Effect: 'Deny',
  Action: [...actions],
  Resource: '*',
});

const ACCESS_HIPAA = ['164.308(a)(3)(ii)(A)', '164.308(a)(4)(ii)(B)', '164.312(a)(1)', '164.312(a)(2)(iii)'];

const TEMPLATES: PermissionSetTemplate[] = [
  {
    id: 'Administrator',
    description:
      'Administers the account completely (AWS managed AdministratorAccess) in 2-hour sessions, assigned in the infrastructure and security accounts and never in prod, which only the separate break-glass role reaches; the guardrails still bind it.',
    access: 'administrator',
    writes: true,
    readsData: true,
    managedPolicies: ['AdministratorAccess'],
    defaultSessionHours: 2,
    hipaa: ACCESS_HIPAA,
    statements: () => [],
  },
  {
    id: 'Developer',
    description:
      'Builds and operates workloads with every service but IAM, Organizations and account settings (AWS managed PowerUserAccess), data included, in 8-hour sessions; the guardrails still bind it.',
    access: 'write',
    writes: true,
    readsData: true,
    managedPolicies: ['PowerUserAccess'],
    defaultSessionHours: 8,
    hipaa: ACCESS_HIPAA,
    statements: () => [],
  },
  {
    id: 'ReadOnly',
    description:
      'Sees how every resource is configured (AWS managed job-function/ViewOnlyAccess) but reads no content: an explicit deny of every data-plane read (objects, items, secrets, parameters, log events, query results, messages, images, consoles and sessions) holds whatever the managed policy grants.',
    access: 'read-only',
    writes: false,
    readsData: false,
    managedPolicies: ['job-function/ViewOnlyAccess'],
    defaultSessionHours: 8,
    hipaa: ACCESS_HIPAA,
    statements: () => [denyDataPlaneReads()],
  },
  {
    id: 'Auditor',
    description:
      "Reviews configuration and security posture (AWS managed SecurityAudit and job-function/ViewOnlyAccess) and reads the log archive's buckets (CloudTrail, Config, flow, session and access logs: records of activity, which may carry identifiers such as URLs, object keys and client addresses), decrypting only through S3, while every other data-plane read is explicitly denied and nothing grants a change.",
    access: 'read-only',
    writes: false,
    // The log archive only, which holds no PHI by design.
    readsData: false,
    managedPolicies: ['SecurityAudit', 'job-function/ViewOnlyAccess'],
    defaultSessionHours: 8,
    hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(8)', '164.312(b)', ...ACCESS_HIPAA],
    // Allows reads only: nothing here may grant a change (the read-only managed policies grant none either).
    statements: (context) => {
      const objects = context.logBucketArns.map((arn) => `${arn}/*`);
      // In the accounts that hold the archive only, once their IDs are known: not a look-alike bucket elsewhere.
      const inArchive = context.logArchiveAccountIds?.length
        ? { Condition: { StringEquals: { 's3:ResourceAccount': [...context.logArchiveAccountIds] } } }
        : {};
      return [
        {
          Sid: 'ReadLogArchiveObjects',
          Effect: 'Allow',
          Action: LOG_ARCHIVE_OBJECT_READS,
          Resource: objects,
          ...inArchive,
        },
        {
          Sid: 'ListLogArchive',
          Effect: 'Allow',
          Action: LOG_ARCHIVE_BUCKET_READS,
          Resource: [...context.logBucketArns],
          ...inArchive,
        },
        {
          // S3 decrypts only while serving the Auditor's own GetObject, which DenyOtherObjectReads confines to the
          // log archive. (An encryption-context condition would say it twice, and the simulator cannot evaluate one.)
          Sid: 'DecryptLogArchiveThroughS3',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringLike: { 'kms:ViaService': VIA_S3 } },
        },
        { Sid: 'DenyOtherObjectReads', Effect: 'Deny', Action: LOG_ARCHIVE_OBJECT_READS, NotResource: objects },
        {
          Sid: 'DenyDecryptButThroughS3',
          Effect: 'Deny',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringNotLike: { 'kms:ViaService': VIA_S3 } },
        },
        denyDataPlaneReads(
          DATA_PLANE_READ_ACTIONS.filter((a) => !LOG_ARCHIVE_OBJECT_READS.includes(a) && a !== 'kms:Decrypt'),
        ),
      ];
    },
  },
  {
    id: 'SecurityTriage',
    description:
      'Triages findings in the security tooling account (Security Hub workflow status and notes, GuardDuty archiving and feedback, IAM Access Analyzer finding status) on top of AWS managed SecurityAudit and job-function/ViewOnlyAccess, in 4-hour sessions, while every data-plane read is explicitly denied.',
    access: 'security-triage',
    // It changes findings' workflow state, nothing else.
    writes: true,
    readsData: false,
    managedPolicies: ['SecurityAudit', 'job-function/ViewOnlyAccess'],
    defaultSessionHours: 4,
    hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', ...ACCESS_HIPAA],
    statements: () => [
      { Sid: 'TriageFindings', Effect: 'Allow', Action: [...FINDING_TRIAGE_ACTIONS], Resource: '*' },
      // A suppressed or downgraded finding never alerts again (the alert rule takes NEW findings from HIGH up).
      {
        Sid: 'DenySuppressingFindings',
        Effect: 'Deny',
        Action: 'securityhub:BatchUpdateFindings',
        Resource: '*',
        Condition: { StringEquals: { 'securityhub:ASFFSyntaxPath/Workflow.Status': 'SUPPRESSED' } },
      },
      {
        Sid: 'DenyChangingSeverity',
        Effect: 'Deny',
        Action: 'securityhub:BatchUpdateFindings',
        Resource: '*',
        Condition: { Null: { 'securityhub:ASFFSyntaxPath/Severity.Label': 'false' } },
      },
      denyDataPlaneReads(),
    ],
  },
];

/** The permission set templates by id, in the order above. */
export const PERMISSION_SETS: ReadonlyMap<string, PermissionSetTemplate> = new Map(TEMPLATES.map((t) => [t.id, t]));

/** A template's inline policy document in a context, or undefined when it has none. */
export function inlinePolicyOf(
  template: PermissionSetTemplate,
  context: GuardrailContext,
): { Version: '2012-10-17'; Statement: Statement[] } | undefined {
  const statements = template.statements(context);
  return statements.length === 0 ? undefined : { Version: '2012-10-17', Statement: statements };
}
