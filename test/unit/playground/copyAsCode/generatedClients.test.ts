// What each Copy as Code generator writes for a request: its settings, its permissions header, a body
// literal that reads back as the body (tricky bodies included), and TypeScript that esbuild compiles.
// Running the clients is test/integration/playground/copyAsCodeClients.test.ts.
import * as assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild/lib/main.js';
import { generateCode } from '../../../../src/playground/copyAsCode/copyAsCode';
import { sentText } from '../../../../src/playground/copyAsCode/literals';
import { codeRequest } from './codeRequestFixture';
import { trickyBodies } from './trickyBodies';

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const rawUnsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The body the Python program holds: its literals (the BODY = ... block) read as JavaScript reads them (the same escapes). */
function pythonBody(text: string): string {
  const block = /^BODY = (\(\n(?: {4}'.*'\n)+\)|'.*')$/m.exec(text);
  assert.ok(block, 'a BODY assignment');
  const literals = block[1].startsWith('(') ? block[1].split('\n').slice(1, -1).map((line) => line.trim()) : [block[1]];
  return literals.map((literal) => runInNewContext(literal) as string).join('');
}

/** The body the TypeScript program holds, by running its BODY declaration. */
function typescriptBody(text: string): string {
  const block = /^const BODY =[\s\S]*?';$/m.exec(text);
  assert.ok(block, 'a BODY declaration');
  return runInNewContext(`${block[0].replace(/^const BODY =/, 'BODY =')}; BODY`, { BODY: undefined }) as string;
}

describe('Copy as Code: the generated clients', () => {
  describe('Python (boto3)', () => {
    it('is a runnable program with the request and its cold-start settings as named constants', () => {
      const code = generateCode('python', codeRequest());
      assert.equal(code.languageId, 'python');
      assert.equal(code.fileName, 'invoke_demo_llama3_8b.py');
      assert.match(code.text, /^#!\/usr\/bin\/env python3\n/);
      for (const line of [
        "REGION = 'eu-west-1'",
        'PROFILE = None',
        "ENDPOINT_NAME = 'demo-scale-to-zero'",
        "INFERENCE_COMPONENT_NAME = 'Demo-Llama3-8b'",
        "CONTENT_TYPE = 'application/json'",
        'STREAM = False',
        'DEADLINE_SECONDS = 900',
        'WAKE = True',
        'FIRST_DELAY_SECONDS = 1',
        'MAX_DELAY_SECONDS = 20',
      ]) {
        assert.ok(code.text.includes(`\n${line}\n`), `${line}`);
      }
      assert.match(code.text, /pip install boto3\n\s+python3 invoke_demo_llama3_8b\.py/);
      assert.match(code.text, /if __name__ == "__main__":/);
    });

    it('states the IAM permissions with the resources as IAM names them (lower case)', () => {
      const text = generateCode('python', codeRequest()).text;
      assert.match(text, /sagemaker:InvokeEndpoint on arn:aws:sagemaker:eu-west-1:123456789012:endpoint\/demo-scale-to-zero\n/);
      assert.match(text, /sagemaker:UpdateInferenceComponentRuntimeConfig on arn:aws:sagemaker:eu-west-1:123456789012:inference-component\/demo-llama3-8b\n/);
      assert.match(generateCode('python', codeRequest({ accountId: undefined, partition: 'aws-cn', region: 'cn-north-1' })).text, /arn:aws-cn:sagemaker:cn-north-1:<account-id>:endpoint\/demo-scale-to-zero/);
    });

    it('wakes an adapter\'s base, streams when asked, and names the profile (AWS_PROFILE first)', () => {
      const text = generateCode('python', codeRequest({ mode: 'stream', wake: false, wakeComponentName: 'base-llm', profile: "team's-prod" })).text;
      assert.ok(text.includes("\nWAKE_COMPONENT_NAME = 'base-llm'\n"));
      assert.ok(text.includes('\nSTREAM = True\n'));
      assert.ok(text.includes('\nWAKE = False\n'));
      assert.ok(text.includes("\nPROFILE = os.environ.get('AWS_PROFILE') or 'team\\'s-prod'\n"));
    });

    for (const [name, body] of Object.entries(trickyBodies)) {
      it(`holds the body exactly, with nothing raw that could end a literal or a comment: ${name}`, () => {
        const text = generateCode('python', codeRequest({ body, inferenceComponentName: 'ic', endpointName: 'ep' })).text;
        assert.equal(pythonBody(text), sentText(body));
        assert.doesNotMatch(text, rawUnsafe);
      });
    }
  });

  describe('TypeScript (AWS SDK v3)', () => {
    it('is a program esbuild compiles, with the settings as named constants and how to run it', () => {
      const code = generateCode('typescript', codeRequest({ profile: 'prod' }));
      assert.equal(code.languageId, 'typescript');
      assert.equal(code.fileName, 'invokeDemoLlama38b.ts');
      transformSync(code.text, { loader: 'ts', format: 'esm' });
      for (const line of [
        "const REGION = 'eu-west-1';",
        "const PROFILE: string | undefined = process.env.AWS_PROFILE || 'prod';",
        'const STREAM: boolean = false;',
        'const DEADLINE_SECONDS = 900;',
        'const WAKE: boolean = true;',
      ]) {
        assert.ok(code.text.includes(`\n${line}\n`), line);
      }
      assert.match(code.text, /npm install @aws-sdk\/client-sagemaker-runtime @aws-sdk\/client-sagemaker\n \* {3}npx tsx invokeDemoLlama38b\.ts/);
      assert.match(code.text, /sagemaker:UpdateInferenceComponentRuntimeConfig on arn:aws:sagemaker:eu-west-1:123456789012:inference-component\/demo-llama3-8b\n/);
    });

    for (const [name, body] of Object.entries(trickyBodies)) {
      it(`holds the body exactly and still compiles: ${name}`, () => {
        const text = generateCode('typescript', codeRequest({ body })).text;
        transformSync(text, { loader: 'ts', format: 'esm' });
        assert.equal(typescriptBody(text), sentText(body));
        assert.doesNotMatch(text, rawUnsafe);
      });
    }
  });

  describe('AWS CLI', () => {
    it('is one invoke-endpoint command for the AWS CLI v1 and v2: the body through fileb://, never --cli-binary-format', () => {
      const code = generateCode('awsCli', codeRequest({ profile: 'prod' }));
      assert.equal(code.languageId, 'shellscript');
      const command = code.text.split('\n').filter((line) => !line.startsWith('#')).join('\n');
      assert.equal(
        command,
        [
          "printf '%s' '{\"inputs\": \"Hello\"}' | \\",
          '  aws sagemaker-runtime invoke-endpoint \\',
          '  --endpoint-name demo-scale-to-zero \\',
          '  --inference-component-name Demo-Llama3-8b \\',
          '  --content-type application/json \\',
          '  --accept application/json \\',
          '  --body fileb:///dev/stdin \\',
          '  --region eu-west-1 \\',
          '  --profile prod \\',
          '  response.json && cat response.json',
          '',
        ].join('\n'),
      );
      assert.doesNotMatch(code.text, /--cli-binary-format/);
      assert.match(code.text, /# {3}aws sagemaker update-inference-component-runtime-config --inference-component-name Demo-Llama3-8b --desired-runtime-config CopyCount=1 --region eu-west-1 --profile prod\n/);
    });

    it('says the AWS CLI has no streaming command when the request streams', () => {
      assert.match(generateCode('awsCli', codeRequest({ mode: 'stream' })).text, /The AWS CLI has no command for the streaming call/);
    });

    for (const [name, body] of Object.entries(trickyBodies)) {
      it(`holds nothing raw outside its quotes: ${name}`, () => {
        const text = generateCode('awsCli', codeRequest({ body })).text;
        // Line breaks and tabs only inside the body's quotes; every other unsafe character as an octal escape.
        assert.doesNotMatch(text.replace(/[\n\t]/g, ''), rawUnsafe);
        const outsideQuotes = text.replace(/'[^']*'/g, "''");
        assert.equal(outsideQuotes.split('\n').filter((line) => !line.startsWith('#')).length, 10, 'the command keeps its nine lines (and the last line break)');
      });
    }
  });
});
