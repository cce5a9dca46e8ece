// The official OpenAI Node SDK's Responses API against a running gateway (started by ResponsesNodeSdkTest).
// Usage: GATEWAY_URL=http://127.0.0.1:PORT MODEL=<model> node responses.mjs
// Prints one line "OK <summary JSON>" when every check passes; any failed check throws (non-zero exit).
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: `${process.env.GATEWAY_URL}/v1`, apiKey: 'not-needed', maxRetries: 0 });
const model = process.env.MODEL;

function checkResponse(r) {
  assert.match(r.id, /^resp_/);
  assert.equal(r.object, 'response');
  assert.equal(typeof r.created_at, 'number');
  assert.equal(r.model, model);
  assert.ok(Array.isArray(r.output) && r.output.length > 0, 'output items');
  assert.equal(r.usage.total_tokens, r.usage.input_tokens + r.usage.output_tokens);
  return r;
}

const plain = checkResponse(await client.responses.create({ model, input: 'How do I make a cake?' }));
assert.equal(plain.status, 'completed');
assert.ok(plain.output_text.length > 0, 'output_text (the SDK\'s own convenience) is the message text');

const instructed = checkResponse(await client.responses.create({
  model, instructions: 'Answer briefly.', input: 'Name a colour.',
}));
assert.equal(instructed.instructions, 'Answer briefly.');

const withCall = checkResponse(await client.responses.create({
  model,
  input: [
    { role: 'user', content: 'Weather in Paris?' },
    { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'function_call_output', call_id: 'call_1', output: '{"sky":"clear"}' },
  ],
}));

const chained = checkResponse(await client.responses.create({
  model, input: 'And another one?', previous_response_id: instructed.id,
}));
assert.equal(chained.previous_response_id, instructed.id);

// The stream helper checks the event order itself (an item or part it was not told about is an error).
const types = [];
let streamed = '';
const stream = client.responses.stream({ model, input: 'How do I make a cake?' });
stream.on('response.output_text.delta', (e) => { streamed += e.delta; });
for await (const event of stream) types.push(event.type);
const final = checkResponse(await stream.finalResponse());
assert.equal(final.output_text, streamed);
assert.equal(streamed, plain.output_text, 'deterministic upstream: streamed == created');
assert.deepEqual(types.slice(0, 4),
  ['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
assert.deepEqual(types.slice(-4),
  ['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);

const kept = await client.responses.retrieve(final.id);
assert.equal(kept.output_text, final.output_text);
await client.responses.delete(final.id);
await assert.rejects(client.responses.retrieve(final.id), (e) => e.status === 404);

console.log('OK ' + JSON.stringify({ plain: plain.id, withCall: withCall.id, chained: chained.id, events: types.length }));
