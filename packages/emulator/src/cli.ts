import { startEmulator, type EmulatorOptions } from './server';
import { isScenarioName } from './scenarios/scenarios';

/** `node dist/cli.js --port <p> --time-scale <x> --scenario <name> [--state-file f] [--regions r1,r2] [--host h --allow-non-loopback]` */
function parseArguments(argv: readonly string[]): EmulatorOptions {
  const options: EmulatorOptions = { scenario: 'demo', timeScale: 1, port: 0 };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer between 0 and 65535');
        options.port = port;
        break;
      }
      case '--time-scale': {
        const scale = Number(value());
        if (!Number.isFinite(scale) || scale < 0 || scale > 1_000_000) throw new Error('--time-scale must be a number between 0 and 1000000');
        options.timeScale = scale;
        break;
      }
      case '--scenario': {
        const scenario = value();
        if (!isScenarioName(scenario)) throw new Error('--scenario must be "empty" or "demo"');
        options.scenario = scenario;
        break;
      }
      case '--state-file':
        options.stateFile = value();
        break;
      case '--regions':
        // The regions the account uses, opt-in ones enabled (docs/emulator.md, "Regions and accounts").
        options.regions = value().split(',').map((region) => region.trim()).filter(Boolean);
        break;
      case '--host':
        options.host = value();
        break;
      case '--allow-non-loopback':
        options.allowNonLoopback = true;
        break;
      default:
        throw new Error(`Unknown option ${flag}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const running = await startEmulator({
    ...options,
    log: (level, message) => {
      if (level !== 'info') console.error(`[${level}] ${message}`);
    },
  });
  console.log(`SageMaker emulator listening on ${running.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
  // A RangeError is an option the emulator refuses (a port, a scenario, a non-loopback host): a usage
  // error like an unknown flag. Anything else is a failure to run.
  process.exit(error instanceof RangeError ? 2 : 1);
});
