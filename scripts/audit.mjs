// `npm run audit:prod`: fails when `npm audit --omit=dev` reports a high or critical advisory, or
// cannot run at all. Not part of `npm test`: these machines cannot reach the registry's audit service
// (it answers 405 Method Not Allowed), so the check runs where it can, e.g. before publishing.
import { spawnSync } from 'node:child_process';
import { root } from './lib/tools.mjs';

const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  report = undefined;
}
if (!report || !report.vulnerabilities || report.error || report.message) {
  console.error(`npm audit could not run (exit ${result.status}): ${String(report?.message ?? report?.error?.summary ?? result.stderr).slice(0, 300)}`);
  process.exit(2);
}
const serious = Object.entries(report.vulnerabilities).filter(([, advisory]) => advisory.severity === 'high' || advisory.severity === 'critical');
for (const [name, advisory] of serious) console.error(`${name}: ${advisory.severity}`);
console.log(`npm audit --omit=dev: ${Object.keys(report.vulnerabilities).length} advisories, ${serious.length} high or critical.`);
process.exit(serious.length > 0 ? 1 : 0);
