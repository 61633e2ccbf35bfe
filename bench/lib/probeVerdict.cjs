// What one probe of the peer comparison (bench/lib/scaleToZeroProbes.cjs) found on one server: the
// server's answer, reduced to plain data, classified as
//   works            the call succeeded and the answer holds what AWS answers (or, for a probe that
//                    expects a refusal, the server refused with AWS's error);
//   not implemented  the server does not know the operation: it says so (an UnknownOperation-style
//                    code, "not implemented" in the message or in its own log), or answers 404/501
//                    with something that is not an AWS error document;
//   wrong            it answers, but not as AWS does: refuses a valid request, succeeds where AWS
//                    refuses, or leaves out what AWS answers (the probe's check says what);
//   invalid probe    the request the probe sent breaks AWS's service model: the probe, not the
//                    server, is at fault, and the answer says nothing either way.
// Pure: no I/O, so the unit tests (test/unit/bench/probeVerdict.test.ts) drive it with plain answers.

/** Error codes that mean "this server does not have the operation", across AWS protocols and fakes. */
const notImplementedCodes = new Set([
  'UnknownOperationException',
  'UnknownOperation',
  'InvalidAction',
  'NotImplemented',
  'NotImplementedException',
  'NotImplementedError',
]);

/** What a message or a server's log says when an operation is missing (moto: "The x action has not been implemented"). */
const notImplementedWording = /not (yet )?(been )?implemented|NotImplementedError/i;

/**
 * The answer a probe's SDK call got, as plain data.
 * @typedef {object} ProbeAnswer
 * @property {boolean} ok the call succeeded (2xx, parsed)
 * @property {number} [status] HTTP status
 * @property {string} [code] the AWS error code (the SDK's error name), when the server sent an AWS error
 * @property {string} [message]
 * @property {boolean} [awsError] the error body was an AWS error document the SDK could read
 * @property {string[]} [serverLog] lines the server itself logged while answering (moto_server's traceback)
 */

/**
 * Why an answer reads as "the server does not implement this", or undefined.
 * @param {ProbeAnswer} answer
 * @returns {string | undefined}
 */
function notImplementedReason(answer) {
  if (answer.ok) return undefined;
  // The last such line: a traceback quotes the raising source line before it ends with the exception.
  const logged = (answer.serverLog ?? []).findLast((line) => notImplementedWording.test(line));
  if (logged) return `server log: ${logged.trim()}`;
  if (answer.code && notImplementedCodes.has(answer.code)) return `${answer.code}${answer.message ? `: ${answer.message}` : ''}`;
  if (answer.message && notImplementedWording.test(answer.message)) return answer.message;
  if ((answer.status === 404 || answer.status === 501) && !answer.awsError) return `HTTP ${answer.status} with no AWS error in the body (no such route)`;
  return undefined;
}

/** One line saying what the server answered, for the table. */
function describeAnswer(answer) {
  if (answer.ok) return answer.summary ? `${answer.status ?? 200}: ${answer.summary}` : `${answer.status ?? 200}`;
  if (answer.awsError) return `${answer.status ?? 'no status'} ${answer.code}${answer.message ? `: ${answer.message}` : ''}`;
  // Not an AWS error: what the server logged says more than the SDK's failure to parse its page.
  const logged = (answer.serverLog ?? []).at(-1);
  return `${answer.status ?? 'no status'}, no AWS error in the body${logged ? ` (server log: ${logged.trim()})` : answer.message ? ` (${answer.code}: ${answer.message})` : ''}`;
}

/**
 * Classifies one probe's answer.
 * @param {object} probe
 * @param {ProbeAnswer} probe.answer what the server answered
 * @param {{ code: string, message?: RegExp }} [probe.expectsError] AWS refuses this request with this error
 * @param {string} [probe.problem] what the probe's check found missing or different in a successful answer
 * @param {string[]} [probe.modelViolations] how the probe's request breaks AWS's model (bench/lib/modelCheck.cjs)
 * @returns {{ verdict: 'works' | 'not implemented' | 'wrong' | 'invalid probe', why: string }}
 */
function verdictOf({ answer, expectsError, problem, modelViolations }) {
  if (modelViolations && modelViolations.length > 0) return { verdict: 'invalid probe', why: `the request breaks AWS's model: ${modelViolations.join('; ')}` };
  const missing = notImplementedReason(answer);
  if (missing) return { verdict: 'not implemented', why: missing };
  if (expectsError) {
    if (answer.ok) return { verdict: 'wrong', why: `answered ${describeAnswer(answer)} where AWS refuses with ${expectsError.code}` };
    if (answer.code !== expectsError.code) return { verdict: 'wrong', why: `refused with ${describeAnswer(answer)} where AWS refuses with ${expectsError.code}` };
    if (expectsError.message && !expectsError.message.test(answer.message ?? '')) {
      return { verdict: 'wrong', why: `refused with ${expectsError.code}, but with the message "${answer.message ?? ''}" (AWS: ${expectsError.message})` };
    }
    return { verdict: 'works', why: describeAnswer(answer) };
  }
  if (!answer.ok) return { verdict: 'wrong', why: `refused a request AWS accepts: ${describeAnswer(answer)}` };
  if (problem) return { verdict: 'wrong', why: problem };
  return { verdict: 'works', why: describeAnswer(answer) };
}

module.exports = { verdictOf, notImplementedReason, describeAnswer };
