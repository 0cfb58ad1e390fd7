import { defaultCopyRegion } from '../../defaults';
import { CLOUDWATCH_RETENTION_DAYS } from '../../limits';
import { AWS_REGIONS, isKnownRegion } from '../../regions';
import { isRecord, list, text } from '../../walk';
import { ValidationError, didYouMean, joinPath } from '../errors';

// Region codes of the wrong shape are the schema's to report; these checks look
// only at well-formed codes.
const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function checkRegions(input: Record<string, unknown>): ValidationError[] {
  const errors: ValidationError[] = [];
  const regions = list(input.regions).filter((r): r is string => typeof r === 'string');
  list(input.regions).forEach((region, i) => {
    if (typeof region === 'string' && REGION_SHAPE.test(region) && !isKnownRegion(region)) {
      errors.push(unknownRegion(joinPath('regions', i), region));
    }
  });
  const home = text(input.homeRegion);
  if (home !== undefined && REGION_SHAPE.test(home)) {
    if (!isKnownRegion(home)) {
      errors.push(unknownRegion('homeRegion', home));
    } else if (Array.isArray(input.regions) && !regions.includes(home)) {
      errors.push({
        path: 'homeRegion',
        message: `${home} is not one of the governed regions`,
        fix: `add ${home} to regions, or pick one of: ${regions.join(', ')}`,
      });
    }
  }
  return errors;
}

export function checkSections(input: Record<string, unknown>): ValidationError[] {
  const errors: ValidationError[] = [];
  const regions = list(input.regions).filter((r): r is string => typeof r === 'string');
  const home = text(input.homeRegion);

  const backup = isRecord(input.backup) ? input.backup : {};
  const copyRegion = text(backup.copyRegion);
  if (copyRegion !== undefined && REGION_SHAPE.test(copyRegion)) {
    if (copyRegion === home) {
      errors.push({
        path: 'backup.copyRegion',
        message: 'is the home region, so a regional outage would take both copies',
        fix: `use another governed region${defaultCopyRegion(home ?? '', regions) ? `, e.g. ${defaultCopyRegion(home ?? '', regions)}` : ''}`,
      });
    } else if (!regions.includes(copyRegion)) {
      errors.push({
        path: 'backup.copyRegion',
        message: `${copyRegion} is not a governed region, so guardrails would deny the copy`,
        fix: `add ${copyRegion} to regions, or pick one of: ${regions.filter((r) => r !== home).join(', ') || '(none: govern a second region)'}`,
      });
    }
  }
  // The pipeline is in the home region (once that is a governed one), and CodePipeline uses a connection only from the pipeline's own Region.
  const pipeline = isRecord(input.pipeline) ? input.pipeline : {};
  const connection = /^arn:[^:]+:[^:]+:([^:]+):/.exec(text(pipeline.connectionArn) ?? '')?.[1];
  if (
    connection !== undefined &&
    home !== undefined &&
    regions.includes(home) &&
    REGION_SHAPE.test(connection) &&
    connection !== home
  ) {
    errors.push({
      path: 'pipeline.connectionArn',
      message: `is a connection in ${connection}, but the pipeline is in the home region, ${home}, and uses a connection of its own Region only`,
      fix: `create the connection in ${home} (Developer Tools → Settings → Connections) and give its ARN`,
    });
  }
  const network = isRecord(input.network) ? input.network : {};
  const zones = isRecord(network.availabilityZones) ? network.availabilityZones : {};
  for (const [region, names] of Object.entries(zones)) {
    const path = joinPath('network.availabilityZones', region);
    if (!regions.includes(region)) {
      errors.push({
        path,
        message: `${region} is not a governed region`,
        fix: `remove it, or add ${region} to regions`,
      });
      continue;
    }
    const given = list(names).filter((n): n is string => typeof n === 'string');
    given.forEach((name, i) => {
      if (!new RegExp(`^${region}[a-z]$`).test(name)) {
        errors.push({
          path: joinPath(path, i),
          message: `${name} is not a zone of ${region}`,
          fix: `use ${region} followed by a letter, e.g. ${region}a`,
        });
      }
    });
    if (new Set(given).size < 2) {
      errors.push({
        path,
        message: 'needs two different zones',
        fix: `list at least two, e.g. [${region}a, ${region}b]: subnets span zones so one zone's outage leaves the VPC working`,
      });
    }
  }

  const logging = isRecord(input.logging) ? input.logging : {};
  const days = logging.cloudWatchRetentionDays;
  if (typeof days === 'number' && !(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days)) {
    const next =
      CLOUDWATCH_RETENTION_DAYS.find((d) => d >= days) ??
      CLOUDWATCH_RETENTION_DAYS[CLOUDWATCH_RETENTION_DAYS.length - 1];
    errors.push({
      path: 'logging.cloudWatchRetentionDays',
      message: `${days} is not a retention CloudWatch Logs accepts`,
      fix: `use ${next}, or another of: ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`,
    });
  }
  return errors;
}

function unknownRegion(path: string, region: string): ValidationError {
  return {
    path,
    message: `${region} is not an AWS region of the commercial partition`,
    fix: `${didYouMean(region, AWS_REGIONS)} (a region launched after this release of @landfall/model needs an upgrade)`,
  };
}
