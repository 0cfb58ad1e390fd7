import { Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

// Checks the web ACL and the entry share; each returns the problem, naming the prop and the fix. Not part of the public API.

/** A rate limit AWS WAF accepts, or the problem. */
export function rateLimitProblem(rateLimit: number): string | undefined {
  if (Token.isUnresolved(rateLimit)) return undefined;
  if (!Number.isInteger(rateLimit) || rateLimit < 10 || rateLimit > 2_000_000_000) {
    return `rateLimit is ${rateLimit} — AWS WAF takes a whole number of requests per 5 minutes from 10 to 2,000,000,000`;
  }
  return undefined;
}

/** A retention AWS Control Tower accepts (CT.CLOUDWATCH.PR.2: a year or more), or the error. */
export function logRetentionProblem(retention: logs.RetentionDays | undefined): string | undefined {
  if (retention === undefined || retention >= logs.RetentionDays.ONE_YEAR) return undefined;
  return `logRetention is ${retention} days — keep WAF and function logs at least logs.RetentionDays.ONE_YEAR`;
}
