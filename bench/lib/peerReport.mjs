// Scenario 5's section of bench/results/latest.md: the speed table and the support table (every probe,
// its verdict on each server and what each server answered), from runPeerComparison's result.

const mark = { works: '✅ works', 'not implemented': '⛔ not implemented', wrong: '❌ answers, but wrong', 'invalid probe': '⚠️ invalid probe (not judged)' };
const fixed = (value, digits) => (value === undefined || Number.isNaN(value) ? '—' : Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
/** A table cell: no pipes or line breaks from a server's answer. */
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function verdictCell(probe) {
  const why = probe.why.length > 240 ? `${probe.why.slice(0, 239)}…` : probe.why;
  return cell(`${mark[probe.verdict]}: ${why}`);
}

export function peerMarkdown(peer) {
  if (!peer) return '';
  if (peer.motoMissing) return `\n## 5 The emulator beside moto_server\n\nLeft out: ${peer.motoMissing}\n`;
  if (peer.error) return `\n## 5 The emulator beside moto_server\n\nFailed: ${peer.error}\n`;
  const { latency } = peer;
  const speedRows = Object.entries(latency.results).flatMap(([operation, byServer]) => {
    const ratio = peer.ratios[operation];
    return [
      `| ${operation} | emulator | ${fixed(byServer.emulator.perSecond, 0)} | ${fixed(byServer.emulator.p50Ms, 2)} | ${fixed(byServer.emulator.p99Ms, 2)} | ${byServer.emulator.succeeded.toLocaleString('en-US')} (${byServer.emulator.failed} failed) |`,
      `| ${operation} | moto ${peer.moto.version ?? ''} | ${fixed(byServer.moto.perSecond, 0)} | ${fixed(byServer.moto.p50Ms, 2)} | ${fixed(byServer.moto.p99Ms, 2)} | ${byServer.moto.succeeded.toLocaleString('en-US')} (${byServer.moto.failed} failed) |`,
      `| ${operation} | **ratio** | **${fixed(ratio.throughput, 1)} ×** the requests a second | **${fixed(ratio.p50, 1)} ×** shorter | **${fixed(ratio.p99, 1)} ×** shorter | |`,
    ];
  });
  const supportRows = peer.support.map((probe) => `| ${probe.service} | ${cell(probe.row)} | ${verdictCell(probe.emulator)} | ${verdictCell(probe.moto)} |`);
  const tally = (t) => `${t.works} work, ${t.notImplemented} not implemented, ${t.wrong} answer wrongly${t.invalidProbes ? `, ${t.invalidProbes} invalid probes` : ''} (of ${t.probes})`;
  const check = peer.modelCheck;
  const modelLine = check.skipped
    ? `The requests were not checked against AWS's models: ${check.skipped}.`
    : `Every request sent (${check.checked.toLocaleString('en-US')}, ${check.operations} operations: the probes', their checks', the seeding's and one of each measured kind) was checked against botocore ${check.botocore}'s service models with every constraint (required, unknown members, types, enum, pattern, lengths, ranges): ${check.violations.length === 0 ? 'none breaks them' : `${check.violations.length} break them (${check.violations.map((entry) => `${entry.operation}: ${entry.violations.join(', ')}`).join('; ')})`}. So "refused a request AWS accepts" means the model accepts it.`;
  return `
## 5 The emulator beside moto_server

moto ${peer.moto.version ?? '(version unknown)'} (\`${peer.moto.command}\`) and the emulator (empty account, frozen clock), each in its own
process; ${peer.seededEndpoints} endpoints (each with its model and endpoint config) seeded in both through the AWS SDK v3; ListEndpoints
lists ${peer.listed.emulator} on the emulator and ${peer.listed.moto} on moto. Each operation: ${latency.warmup} warm-up requests a server (not counted), then
${latency.requestsPerServer.toLocaleString('en-US')} requests a server in ${latency.rounds} rounds alternating between the servers, ${latency.concurrency} in flight, one SDK client
a server configured alike (one attempt, no retries). Latency is what the client sees (signing and parsing included).

| operation | server | requests a second | p50 (ms) | p99 (ms) | requests measured |
| --- | --- | --- | --- | --- | --- |
${speedRows.join('\n')}

### Which scale-to-zero calls each supports

Every call the product makes, sent for real in the product's order (a call that depends on an earlier one is
still sent, with the names it would have used). Emulator: ${tally(peer.tally.emulator)}. moto: ${tally(peer.tally.moto)}.
Each cell: the verdict, then what the server answered (or why it is wrong). "not implemented" is the server's own
word (moto_server logs \`NotImplementedError\` and answers 500; a route it lacks answers 404 with no AWS error).
${modelLine}

| service | call or behaviour | emulator | moto |
| --- | --- | --- | --- |
${supportRows.join('\n')}
`;
}
