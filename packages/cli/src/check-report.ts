import { CheckReport, GATES, PROACTIVE_CONTROLS, describeGates } from '@landfall/landing-zone';
import { bold, dim, green, red, yellow } from './style';

/** The readable `landfall check` report: per account and pack, then what needs a reviewer's eye. */
export function renderCheckReport(report: CheckReport, name: string): string {
  const lines: string[] = [];
  const accounts = [...new Set(report.stacks.map((s) => s.account))];
  const stacksOf = (account: string) => report.stacks.filter((s) => s.account === account).map((s) => s.name);
  lines.push(
    `${bold(name)}: ${report.stacks.length} stacks in ${accounts.length} accounts, ${report.stacks.reduce((n, s) => n + s.resources, 0)} resources, ` +
      `${report.stacks.reduce((n, s) => n + s.lambdaFunctions, 0)} Lambda functions, assembly ${(report.assemblyBytes / 1024).toFixed(0)} KiB` +
      (report.placeholders ? dim(' (placeholders: review only, not deployable)') : ''),
  );
  lines.push('');
  const label = (gate: string) => (gate === PROACTIVE_CONTROLS ? 'ControlTower' : gate);
  const gates = GATES.filter((g) => report.gates.includes(g));
  const header = `  ${'account'.padEnd(20)}${gates.map((p) => label(p).padEnd(18)).join('')}`;
  lines.push(dim(header));
  for (const account of accounts) {
    const stacks = new Set(stacksOf(account));
    const cells = gates.map((pack) => {
      const errors = report.findings.filter(
        (f) => f.pack === pack && stacks.has(f.stack) && f.severity === 'error',
      ).length;
      const warnings = report.findings.filter(
        (f) => f.pack === pack && stacks.has(f.stack) && f.severity === 'warning',
      ).length;
      const acked = report.acknowledged.filter((f) => f.pack === pack && stacks.has(f.stack)).length;
      const status = errors ? `${errors} errors` : warnings ? `${warnings} warnings` : 'pass';
      const colour = errors ? red : warnings ? yellow : green;
      const note = acked ? ` (${acked} ack)` : '';
      return colour(status) + dim(note) + ' '.repeat(Math.max(1, 18 - status.length - note.length));
    });
    lines.push(`  ${account.padEnd(20)}${cells.join('')}`);
  }
  if (report.findings.length > 0) {
    lines.push('', bold('Findings'));
    for (const f of report.findings) {
      const note = f.onPlaceholder ? dim('\n    (a placeholder ID: recorded IDs in accounts.lock.json clear it)') : '';
      lines.push(
        `  ${f.severity === 'error' ? red('✘') : yellow('!')} ${f.rule} ${dim(f.path)}\n    ${f.description}${note}`,
      );
    }
  }
  lines.push('', bold(`Acknowledged (${report.acknowledgements.length}), each with its reason`));
  for (const a of report.acknowledgements) {
    lines.push(`  ${a.rules.join(', ')} ${dim(`× ${a.occurrences}`)}\n    ${a.reason}`);
  }
  if (report.libraryAcknowledgements.length > 0) {
    lines.push(
      dim(
        `  and ${report.libraryAcknowledgements.length} made by aws-cdk-lib for its own validator: ${report.libraryAcknowledgements.map((a) => a.rules.join(', ')).join('; ')}`,
      ),
    );
  }
  if (report.pending.length > 0) {
    lines.push('', bold('Waiting for IDs from an earlier deployment phase (accounts.lock.json)'));
    for (const p of report.pending) lines.push(`  - ${p}`);
  }
  lines.push(
    '',
    report.ok
      ? `${green('✔')} no unacknowledged error of ${describeGates(report.gates)}`
      : `${red('✘')} ${report.findings.filter((f) => f.severity === 'error').length} unacknowledged errors of ${describeGates(report.gates)}`,
  );
  return lines.join('\n');
}
