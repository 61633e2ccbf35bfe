import * as assert from 'node:assert/strict';
import { isOutOfMemoryLine, markerOf } from '../../../src/diagnosis/containerLogMarkers';

describe('diagnosis: the startup lines of model servers (issue 19, contract §2)', () => {
  it('reads the emulator’s lines (vLLM/LMI style) phase by phase', () => {
    assert.equal(markerOf('INFO Starting inference server: image x, model m'), undefined);
    assert.equal(markerOf('INFO Loading model weights from /opt/ml/model'), 'modelLoadStart');
    assert.equal(markerOf('INFO Model weights loaded in 41 s'), 'modelLoaded');
    assert.equal(markerOf('INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080'), 'serverReady');
    assert.equal(markerOf('INFO "GET /ping HTTP/1.1" 200 OK'), 'healthCheckPassed');
    assert.equal(markerOf('INFO "POST /invocations HTTP/1.1" 200 OK'), 'firstAnswer');
    assert.equal(markerOf('INFO "GET /ping HTTP/1.1" 503 Service Unavailable'), undefined);
  });

  it('reads real containers’ lines: vLLM, TGI, DJL Serving / LMI, Triton', () => {
    assert.equal(markerOf('INFO 11-29 12:00:05 model_runner.py:1056] Loading model weights took 14.9889 GB'), 'modelLoaded');
    assert.equal(markerOf('INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)'), 'serverReady');
    assert.equal(markerOf('2026-11-29T12:00:01Z  INFO text_generation_launcher: Starting shard rank=0'), 'modelLoadStart');
    assert.equal(markerOf('2026-11-29T12:01:01Z  INFO text_generation_launcher: Shard 0 ready in 58.2s rank=0'), 'modelLoaded');
    assert.equal(markerOf('2026-11-29T12:01:02Z  INFO text_generation_router: router/src/main.rs:420: Connected'), 'serverReady');
    assert.equal(markerOf('INFO  ModelServer Initialize BOTH server with: EpollServerSocketChannel.'), 'serverReady');
    assert.equal(markerOf('INFO  ModelInfo Model [llama] initialized.'), 'modelLoaded');
    assert.equal(markerOf("I1129 12:00:03 model_lifecycle.cc:818] successfully loaded 'llama'"), 'modelLoaded');
    assert.equal(markerOf('I1129 12:00:04 http_server.cc:4637] Started HTTPService at 0.0.0.0:8000'), 'serverReady');
  });

  it('tells out-of-memory lines (CUDA, the OOM killer’s exit code 137) from others', () => {
    assert.ok(isOutOfMemoryLine('ERROR torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.'));
    assert.ok(isOutOfMemoryLine('ERROR Worker process exited with code 137'));
    assert.ok(!isOutOfMemoryLine('INFO Loading model weights from /opt/ml/model'));
    assert.ok(!isOutOfMemoryLine('WARNING Model still loading (120 s elapsed)'));
  });
});
