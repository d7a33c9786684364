// Streams from a SageMaker Runtime endpoint with the AWS SDK for JavaScript v3 and the usual line-iterator
// decoding, and prints one JSON line of figures.
// Usage: node peer.mjs ENDPOINT_URL ENDPOINT_NAME ROUNDS
import { InvokeEndpointWithResponseStreamCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';

const [endpointUrl, endpointName, rounds = '1'] = process.argv.slice(2);
const client = new SageMakerRuntimeClient({
  region: 'us-east-1',
  endpoint: endpointUrl,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  maxAttempts: 1,
});

async function stream() {
  const start = process.hrtime.bigint();
  let first = 0n;
  const tokens = [];
  const response = await client.send(new InvokeEndpointWithResponseStreamCommand({
    EndpointName: endpointName,
    ContentType: 'application/json',
    Body: JSON.stringify({ messages: [{ role: 'user', content: 'bench' }], stream: true }),
  }));
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const event of response.Body) {
    if (!event.PayloadPart) {
      continue;
    }
    buffer += decoder.decode(event.PayloadPart.Bytes, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (!line.startsWith('data:')) {
        continue;
      }
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        continue;
      }
      const content = JSON.parse(data).choices?.[0]?.delta?.content;
      if (content) {
        if (first === 0n) {
          first = process.hrtime.bigint();
        }
        tokens.push(content);
      }
    }
  }
  const end = process.hrtime.bigint();
  return { tokens, tokensPerSecond: tokens.length / (Number(end - start) / 1e9), firstTokenMillis: Number(first - start) / 1e6 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runs = [];
for (let i = 0; i < Number(rounds); i++) {
  runs.push(await stream());
}
const measured = runs.slice(Math.floor(runs.length / 2));
console.log(JSON.stringify({
  tokens: runs[runs.length - 1].tokens.length,
  text: runs[runs.length - 1].tokens.join(''),
  tokensPerSecond: median(measured.map((run) => run.tokensPerSecond)),
  firstTokenMillis: median(measured.map((run) => run.firstTokenMillis)),
}));
