// The page under test, as a user would write it: a case created in the `ops` space through
// kibana-sdk, read back, and shown. The runner passes the mock Kibana's URL in `?kibana=`.
import { KibanaClient, NotFoundError } from 'kibana-sdk';

const result = document.getElementById('result');
const show = (id, text) => {
  document.getElementById(id).textContent = text;
};

async function main() {
  const kibana = new KibanaClient({
    url: new URLSearchParams(location.search).get('kibana'),
    auth: { apiKey: 'browser-test' },
  });
  const ops = kibana.space('ops');
  const created = await ops.cases.create({
    title: 'Disk full on db-1',
    description: 'The data volume of db-1 reached 95%.',
    owner: 'cases',
    tags: ['db', 'disk'],
    settings: { syncAlerts: false },
    connector: { id: 'none', name: 'none', type: '.none', fields: null },
  });
  const read = await ops.cases.get(created.id);
  show('title', read.title);
  show('status', read.status);
  show('transport', kibana.transport);
  // The case lives in `ops` only: the default space must not have it.
  show(
    'default-space',
    await kibana.cases.get(created.id).then(
      () => 'found',
      (error) => (error instanceof NotFoundError ? 'not found' : `${error.name}: ${error.message}`),
    ),
  );
  // Error names as a minified bundle reports them: each class names itself, whatever the minifier does.
  const names = await Promise.all(
    [kibana.cases.get(created.id), kibana.cases.get('')].map((call) =>
      call.then(
        () => 'none',
        (error) => error.name,
      ),
    ),
  );
  show('error-names', names.join(' '));
}

main().then(
  () => {
    result.dataset.state = 'done';
  },
  (error) => {
    result.textContent = `${error?.name}: ${error?.message}`;
    result.dataset.state = 'failed';
  },
);
