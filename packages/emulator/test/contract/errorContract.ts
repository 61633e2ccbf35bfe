import { operationErrorCodes, type ServiceModel } from '@s2z/service-models';
import { type DecodedAnswer, type WireProtocol } from './wireProtocols';

/**
 * The errors every AWS service may answer besides an operation's modelled ones, with the HTTP statuses
 * AWS documents for them. Sources: "Common Errors" of the API references
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/CommonErrors.html,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html; the pages give
 * AccessDeniedException and IncompleteSignature as 400 on older pages and 403 on newer ones), and the
 * awsJson services' framework errors the SDKs map (SerializationException, UnknownOperationException,
 * UnrecognizedClientException, InvalidSignatureException, ValidationException).
 */
export const commonErrors: Readonly<Record<string, readonly number[]>> = {
  AccessDeniedException: [400, 403],
  ExpiredTokenException: [400, 403],
  IncompleteSignature: [400, 403],
  InternalFailure: [500],
  InvalidAction: [400],
  InvalidClientTokenId: [403],
  InvalidParameterCombination: [400],
  InvalidParameterValue: [400],
  InvalidQueryParameter: [400],
  InvalidSignatureException: [400, 403],
  MalformedQueryString: [404],
  MissingAction: [400],
  MissingAuthenticationToken: [403],
  MissingParameter: [400],
  NotAuthorized: [400],
  OptInRequired: [403],
  RequestExpired: [400],
  SerializationException: [400],
  ServiceUnavailable: [503],
  ThrottlingException: [400],
  UnknownOperationException: [400, 404],
  UnrecognizedClientException: [400, 403],
  ValidationError: [400],
  ValidationException: [400],
};

/** The modelled error shapes of an operation, by every name the wire may give them (shape name and `error.code`). */
function modelledErrors(model: ServiceModel, operation: string): Map<string, number> {
  const found = new Map<string, number>();
  const codes = operationErrorCodes(model, operation);
  (model.operations[operation].errors ?? []).forEach(({ shape: name }, index) => {
    const shape = model.shapes[name];
    const status = shape?.error?.httpStatusCode ?? ((shape as { fault?: boolean })?.fault ? 500 : 400);
    found.set(name, status);
    found.set(codes[index], status);
  });
  return found;
}

/** What is wrong with an error answer: its code, its status, its wire form. Empty when AWS could have sent it. */
export function errorProblems(model: ServiceModel, protocol: WireProtocol, operation: string, answer: Extract<DecodedAnswer, { kind: 'error' }>): string[] {
  const problems = [...answer.wireProblems];
  const modelled = modelledErrors(model, operation);
  const check = (sent: string, label: string) => {
    // An awsQuery-compatible service's JSON and CBOR errors name the exception shape; its `error.code` is the query code.
    const known = model.shapes[sent]?.exception ? model.shapes[sent].error?.code ?? sent : sent;
    const status = modelled.get(sent) ?? modelled.get(known);
    const code = commonErrors[sent] ? sent : known;
    if (status !== undefined) {
      if (answer.status !== status) problems.push(`${label} ${code} answered with HTTP ${answer.status}, where its error shape says ${status}`);
      return;
    }
    const common = commonErrors[code];
    if (!common) problems.push(`${label} ${code} is neither among ${operation}'s modelled errors (${[...modelled.keys()].join(', ') || 'none'}) nor a common AWS error`);
    else if (!common.includes(answer.status)) problems.push(`${label} ${code} answered with HTTP ${answer.status}, where AWS answers it with ${common.join(' or ')}`);
  };
  check(answer.code, protocol === 'awsQuery' ? '<Code>' : protocol === 'restJson' ? 'x-amzn-errortype' : '__type');
  if (answer.queryCode !== undefined && protocol !== 'awsQuery') check(answer.queryCode, 'x-amzn-query-error');
  return problems;
}
