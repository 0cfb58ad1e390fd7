import { readFileSync } from 'fs';
import { join } from 'path';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));

describe('the @landfall/model package', () => {
  test('depends on no AWS SDK, CDK or constructs library, so anyone can validate without AWS', () => {
    const runtime = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
    expect(runtime.filter((name) => /^(@aws-sdk\/|aws-sdk$|aws-cdk|@aws-cdk\/|constructs$|cdk-)/.test(name))).toEqual(
      [],
    );
  });

  test('publishes the JSON Schema beside lib/', () => {
    expect(manifest.files).toEqual(expect.arrayContaining(['lib', 'schema']));
  });
});
