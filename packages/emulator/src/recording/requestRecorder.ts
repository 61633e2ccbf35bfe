import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EmulatorLog } from '../emulatorLog';

/**
 * The file in the recording directory that names the test running now: the test runner writes the
 * test's full title there (plain text) as each test and hook starts, and every request recorded until
 * it changes carries that title. Test runners in other processes (the end-to-end suite drives
 * code-server, whose extension host runs the emulator) label the same way. Keep in step with
 * test/support/requestLabels.cjs.
 */
export const currentTestFile = 'current-test';

/** The emulator's service names that differ from botocore's (CloudWatch's is its endpoint prefix). */
const botocoreNames: Readonly<Record<string, string>> = { monitoring: 'cloudwatch' };

/** Where a request was sent: the region of its credential scope and the account its access key reaches. */
export interface RecordedScope {
  readonly region: string;
  readonly accountId: string;
}

/** One recorded request, one JSON line of `requests-<pid>.jsonl`. */
export interface RecordedRequest {
  /** botocore's service name (its model's folder): sagemaker, sagemaker-runtime, application-autoscaling, cloudwatch, scheduler, iam, logs. */
  readonly service: string;
  readonly operation: string;
  /** The wire protocol it came in: awsJson1_0, awsJson1_1, restJson1, awsQuery, smithy-rpc-v2-cbor. */
  readonly protocol: string;
  /** The decoded input in the model's member names (absent when the request could not be decoded: see `undecodable`). */
  readonly input?: unknown;
  /** Why the input could not be decoded (a body that is not JSON, CBOR or a form of the operation's members). */
  readonly undecodable?: string;
  /** awsQuery: the form's fields no input member reads (decoding by the shape drops them), e.g. `Tags.member.1.Colour`. */
  readonly unreadFields?: readonly string[];
  /** The region it was signed for and the account it reached (absent when it was not signed). */
  readonly region?: string;
  readonly accountId?: string;
  /** Wall-clock time the emulator received it, ISO 8601. */
  readonly time: string;
  /** The full title of the test (or hook) running then, as the test runner labelled it; null when none was. */
  readonly test: string | null;
}

/**
 * The recording mode (`startEmulator({ record })` or `S2Z_EMULATOR_RECORD=<directory>`): every
 * request the emulator decodes is appended as one JSON line to `requests-<pid>.jsonl` in the
 * directory, with the test that sent it. It records only the operation's input members (never the
 * Authorization header, the session token or any other header the model does not bind to a member),
 * writes synchronously so that a process stopped at the end of a run loses nothing, and never changes
 * an answer: a failure to decode or to write is noted in the record or logged once, not thrown.
 */
export class RequestRecorder {
  private readonly file: string;
  private readonly labelFile: string;
  private failed = false;

  constructor(
    readonly directory: string,
    private readonly log: EmulatorLog,
  ) {
    mkdirSync(directory, { recursive: true });
    this.file = join(directory, `requests-${process.pid}.jsonl`);
    this.labelFile = join(directory, currentTestFile);
  }

  /**
   * Records one request to an emulated service (by the emulator's name); `decode` reads its input (its
   * errors are recorded as `undecodable`), `unread` lists the fields the decoding left out (awsQuery),
   * `scope` the region and account it was sent to.
   */
  record(emulatedService: string, operation: string, protocol: string, decode: () => unknown, unread?: () => string[], scope?: RecordedScope): void {
    try {
      let input: unknown;
      let undecodable: string | undefined;
      try {
        input = decode();
      } catch (error) {
        undecodable = error instanceof Error ? error.message : String(error);
      }
      const unreadFields = unread?.() ?? [];
      const entry: RecordedRequest = {
        service: botocoreNames[emulatedService] ?? emulatedService,
        operation,
        protocol,
        ...(undecodable === undefined ? { input } : { undecodable }),
        ...(unreadFields.length > 0 ? { unreadFields } : {}),
        ...(scope ? { region: scope.region, accountId: scope.accountId } : {}),
        time: new Date().toISOString(),
        test: this.currentTest(),
      };
      appendFileSync(this.file, `${JSON.stringify(entry, jsonSafe)}\n`);
    } catch (error) {
      if (this.failed) return;
      this.failed = true;
      this.log('error', `Could not record a request in ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private currentTest(): string | null {
    try {
      const label = readFileSync(this.labelFile, 'utf8').trim();
      return label === '' ? null : label;
    } catch {
      return null;
    }
  }
}

/** JSON for what the decoders produce beyond JSON's types: bytes as base64 (as JSON carries blobs). */
function jsonSafe(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
    return Buffer.from((value as { data: number[] }).data).toString('base64');
  }
  return value;
}
