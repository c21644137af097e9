// A pact-js consumer test, unchanged from how a team writes one: the pact file goes to PACT_DIR.
// Usage: node consumer.js <consumer> <provider>
const { PactV3, MatchersV3 } = require('@pact-foundation/pact');

const [consumer, provider] = process.argv.slice(2);
const pact = new PactV3({ consumer, provider, dir: process.env.PACT_DIR, logLevel: 'warn' });

pact
  .given('an item with id 42 exists')
  .uponReceiving('a request for item 42')
  .withRequest({ method: 'GET', path: '/items/42', headers: { Accept: 'application/json' } })
  .willRespondWith({
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: { id: MatchersV3.integer(42), name: MatchersV3.string('widget') },
  });

pact
  .executeTest(async (mockServer) => {
    const response = await fetch(`${mockServer.url}/items/42`, { headers: { Accept: 'application/json' } });
    const item = await response.json();
    if (item.id !== 42) {
      throw new Error(`unexpected item ${JSON.stringify(item)}`);
    }
  })
  .then(() => console.log('pact-js consumer test passed'))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
