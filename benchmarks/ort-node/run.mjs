// Times an ONNX file with onnxruntime-node, to check opbench's network throughput with another ONNX Runtime client.
//
//   node run.mjs MODEL.onnx [--batch 1,8] [--threads 1] [--opt all|layout|extended|basic|disabled]
//                [--reps 10] [--min-time 0.3] [--max-time 5] [--warmup 0.1] [--spin] [--shape CxHxW]
//
// --shape gives the input's sizes after the batch where the file leaves them free (as opbench's --input-shape).
//
// The session is set up as opbench's onnxruntime network backend sets up its own: CPU execution provider,
// intra-op threads = --threads, inter-op 1, sequential execution, idle pool threads not spinning (unless --spin),
// and the timing follows opbench's harness: one untimed first run, warm-up runs for at least --warmup seconds,
// then timed runs until both --reps and --min-time are reached (stopping at --max-time). Prints one JSON line per
// batch: minimum and median time per batch, throughput (batch / median), p50/p90/p99.
import * as ort from 'onnxruntime-node';

function parse(argv) {
  const o = {batch: [1], threads: 1, opt: 'all', reps: 10, minTime: 0.3, maxTime: 5, warmup: 0.1, spin: false,
    shape: null};
  if (argv.length < 1 || argv[0].startsWith('--')) {
    throw new Error('usage: node run.mjs MODEL.onnx [--batch 1,8] [--threads N] [--opt all] [--reps N] ...');
  }
  o.model = argv[0];
  for (let i = 1; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    switch (k) {
      case '--batch': o.batch = v.split(',').map(Number); i++; break;
      case '--threads': o.threads = Number(v); i++; break;
      case '--opt': o.opt = v; i++; break;
      case '--reps': o.reps = Number(v); i++; break;
      case '--min-time': o.minTime = Number(v); i++; break;
      case '--max-time': o.maxTime = Number(v); i++; break;
      case '--warmup': o.warmup = Number(v); i++; break;
      case '--spin': o.spin = true; break;
      case '--shape': o.shape = v.split('x').map(Number); i++; break;
      default: throw new Error('unknown option ' + k);
    }
  }
  return o;
}

function quantile(sorted, q) {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

// the same kind of input opbench uses: uniform in [-1, 1) (timing does not depend on the values)
function input(n, seed) {
  const a = new Float32Array(n);
  let s = BigInt(seed) | 1n;
  for (let i = 0; i < n; i++) {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    a[i] = Number(s >> 40n) / 2 ** 24 * 2 - 1;
  }
  return a;
}

const o = parse(process.argv.slice(2));
const spin = o.spin ? '1' : '0';
const options = {
  executionProviders: ['cpu'],
  graphOptimizationLevel: o.opt,
  intraOpNumThreads: o.threads,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  extra: {session: {intra_op: {allow_spinning: spin}, inter_op: {allow_spinning: spin}}},
};
for (const batch of o.batch) {
  const t0 = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(o.model, options);
  const prepareMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const name = session.inputNames[0];
  const meta = session.inputMetadata ? session.inputMetadata[0] : null;
  const dims = o.shape ? o.shape : meta && meta.shape ? meta.shape.slice(1).map(Number) : [3, 224, 224];
  if (dims.some(d => !(d > 0))) {
    throw new Error(o.model + ': the input has free dimensions ' + JSON.stringify(meta.shape) + '; give --shape CxHxW');
  }
  const shape = [batch, ...dims];
  const feeds = {[name]: new ort.Tensor('float32', input(shape.reduce((a, b) => a * b, 1), batch), shape)};
  let t = process.hrtime.bigint();
  await session.run(feeds);
  const coldMs = Number(process.hrtime.bigint() - t) / 1e6;
  const warmStart = process.hrtime.bigint();
  do {
    await session.run(feeds);
  } while (Number(process.hrtime.bigint() - warmStart) / 1e9 < o.warmup);
  const samples = [];
  let elapsed = 0;
  while (true) {
    t = process.hrtime.bigint();
    await session.run(feeds);
    const us = Number(process.hrtime.bigint() - t) / 1e3;
    samples.push(us);
    elapsed += us / 1e6;
    if (elapsed >= o.maxTime || (samples.length >= o.reps && elapsed >= o.minTime)) {
      break;
    }
  }
  await session.release();
  const sorted = [...samples].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  console.log(JSON.stringify({
    client: 'onnxruntime-node', version: ort.env.versions ? ort.env.versions.node : undefined, model: o.model,
    batch, threads: o.threads, opt: o.opt, spinning: o.spin, reps: samples.length, prepare_ms: prepareMs,
    cold_ms: coldMs, min_us: sorted[0], median_us: median, throughput_ips: batch * 1e6 / median,
    p50_us: median, p90_us: quantile(sorted, 0.9), p99_us: quantile(sorted, 0.99),
  }));
}
