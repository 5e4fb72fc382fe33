// Exits 0 if the deployment record (argument: deployments/<network>.json) is live on its node
// (or on $SOVRA_NODE_URL): a contract at each recorded address with the recorded code hash.
// scripts/app.sh uses it to keep a used deployment (`sovra verify` also demands a pristine one).
import { readFileSync } from 'node:fs';
import { LegacyClient, WsProvider } from 'dedot';

const record = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const client = await LegacyClient.new(new WsProvider(process.env.SOVRA_NODE_URL ?? record.url));
let live = true;
try {
  for (const [name, c] of Object.entries(record.contracts)) {
    const info = await client.query.contracts.contractInfoOf(c.address);
    if (!info || info.codeHash !== c.code_hash) {
      console.log(`${name}: ${info ? `other code (${info.codeHash})` : 'no contract'} at ${c.address}`);
      live = false;
    }
  }
} finally {
  await client.disconnect();
}
process.exit(live ? 0 : 1);
