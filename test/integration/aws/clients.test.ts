import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createClients } from '../../../src/aws/clients';

interface Captured {
  method?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A one-route HTTP server that records the request an SDK client sends and answers as SageMaker would. */
async function recordingServer(answer: { status: number; body: unknown }): Promise<{ server: Server; url: string; requests: Captured[] }> {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, requests };
}

describe('createClients', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('sends signed awsJson1_1 SageMaker requests to the local emulator endpoint', async () => {
    const recorder = await recordingServer({
      status: 200,
      body: {
        Endpoints: [
          {
            EndpointName: 'demo',
            EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo',
            CreationTime: 1764000000,
            LastModifiedTime: 1764000000,
            EndpointStatus: 'InService',
          },
        ],
      },
    });
    server = recorder.server;
    const clients = await createClients({ kind: 'localEmulator', endpoint: recorder.url, region: 'us-east-1' });
    try {
      const { ListEndpointsCommand } = await import('../../../src/aws/sdk.js');
      const result = await clients.sageMaker.send(new ListEndpointsCommand({ MaxResults: 10 }));
      assert.equal(result.Endpoints?.[0]?.EndpointName, 'demo');
      assert.ok(result.Endpoints?.[0]?.CreationTime instanceof Date, 'epoch seconds become a Date');
      const [request] = recorder.requests;
      assert.equal(request.method, 'POST');
      assert.equal(request.headers['x-amz-target'], 'SageMaker.ListEndpoints');
      assert.match(
        String(request.headers['authorization']),
        /^AWS4-HMAC-SHA256 Credential=AKIDLOCALEMULATOR\/\d{8}\/us-east-1\/sagemaker\/aws4_request/,
      );
      assert.deepEqual(JSON.parse(request.body), { MaxResults: 10 });
    } finally {
      clients.destroy();
    }
  });

  it('surfaces a service error with its AWS name and message', async () => {
    const recorder = await recordingServer({
      status: 400,
      body: {
        __type: 'ValidationException',
        message: 'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/nope".',
      },
    });
    server = recorder.server;
    const clients = await createClients({ kind: 'localEmulator', endpoint: recorder.url, region: 'us-east-1' });
    try {
      const { DescribeEndpointCommand } = await import('../../../src/aws/sdk.js');
      await assert.rejects(clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'nope' })), (error: Error) => {
        assert.equal(error.name, 'ValidationException');
        assert.match(error.message, /^Could not find endpoint/);
        return true;
      });
      assert.equal(recorder.requests.length, 1, 'a 400 is not retried');
    } finally {
      clients.destroy();
    }
  });
});
