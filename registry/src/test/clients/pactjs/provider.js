// A pact-js provider verification against the registry, as a provider's CI runs it: pacts selected by consumer
// version selectors, pending and WIP pacts on, results published.
// Usage: node provider.js <brokerUrl> <provider> <providerVersion> <branch>
const http = require('node:http');
const { Verifier } = require('@pact-foundation/pact');

const [brokerUrl, provider, providerVersion, branch] = process.argv.slice(2);

const app = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/items/42') {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ id: 42, name: 'widget' }));
    return;
  }
  response.writeHead(404);
  response.end();
});

app.listen(0, '127.0.0.1', async () => {
  const port = app.address().port;
  try {
    const output = await new Verifier({
      provider,
      providerBaseUrl: `http://127.0.0.1:${port}`,
      pactBrokerUrl: brokerUrl,
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      enablePending: true,
      includeWipPactsSince: '2020-01-01',
      publishVerificationResult: true,
      providerVersion,
      providerVersionBranch: branch,
      stateHandlers: { 'an item with id 42 exists': () => Promise.resolve() },
      logLevel: 'warn',
    }).verifyProvider();
    console.log('pact-js verification passed');
    console.log(output);
    app.close();
  } catch (error) {
    console.error(error);
    app.close();
    process.exit(1);
  }
});
