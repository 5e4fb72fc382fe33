// @sovra/client against the local node and the deployment scripts/deploy.sh recorded, after
// the demo (scripts/test.sh runs it then; without SOVRA_NODE_URL these tests are skipped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action, bitOf, ContractRefused, formatAmount, idOf, readWholeList, send, setBits, Suite, type TxState } from '../src/index.js';
import { advanceBlocks, devAccounts } from '../src/dev.js';
import { allMetadata, deployment } from './metadata.js';

const url = process.env.SOVRA_NODE_URL;
const SOV = 10n ** 12n;

describe.skipIf(!url)('on the local node', () => {
  let suite: Suite;
  let dev: Awaited<ReturnType<typeof devAccounts>>;
  beforeAll(async () => {
    suite = await Suite.open(deployment('local'), allMetadata(), url);
    dev = await devAccounts();
  });
  afterAll(async () => suite?.close());

  it('sends a vote-moving transfer in the block after another with the documented limits', async () => {
    const { Charlie, Eve } = dev;
    // Eve votes herself (the browser test may have left her delegating to Charlie): the transfer
    // then moves votes between two delegates
    const delegate = (await suite.token.query.votesDelegates(Eve.address)).data;
    if (!delegate || delegate.address(42) !== Eve.address) await send(suite, suite.token, 'votesDelegate', [Eve.address], Eve);
    const before = (await suite.token.query.psp22BalanceOf(Eve.address)).data;
    const states: string[] = [];
    const first = await send(suite, suite.token, 'psp22Transfer', [Eve.address, SOV, '0x'], Charlie, (s: TxState) => states.push(s.stage));
    // the next one is dry-run at the block of the first (whose checkpoints it overwrites there)
    const second = await send(suite, suite.token, 'psp22Transfer', [Eve.address, SOV, '0x'], Charlie);
    expect(second.block).toBe(first.block + 1);
    expect(states).toEqual(['checking', 'pending', 'in-block', 'done']);
    expect((await suite.token.query.psp22BalanceOf(Eve.address)).data).toBe(before + 2n * SOV);
    const moved = second.events.filter((e) => e.contract === 'token').map((e) => e.name);
    expect(moved).toContain('Transfer');
    expect(moved).toContain('DelegateVotesChanged');
    expect(formatAmount(before + 2n * SOV, 12, 'SOV')).toMatch(/ SOV$/);
  });

  it('says in words why the token refuses a receiver without a credential, and signs nothing', async () => {
    const { Charlie, Ferdie } = dev;
    const nonce = await suite.client.query.system.account(Charlie.address);
    const states: string[] = [];
    const refused = send(suite, suite.token, 'psp22Transfer', [Ferdie.address, SOV, '0x'], Charlie, (s) => states.push(s.stage));
    await expect(refused).rejects.toThrow(ContractRefused);
    await expect(refused).rejects.toThrow('The token refused to transfer: the receiver holds no valid membership credential');
    expect(states).toEqual(['checking', 'failed']);
    expect((await suite.client.query.system.account(Charlie.address)).nonce).toBe(nonce.nonce);
  });

  it('decodes the token events a governor execution emits', async () => {
    const { Alice, Charlie, Eve } = dev;
    const mint = action(suite.abis.token, suite.deployment.contracts.token.address, 'mint_to', [Eve.address, 5n * SOV]);
    const created = await send(suite, suite.governor, 'propose', [[mint], `0x${Buffer.from(`Mint 5 SOV to Eve (${Date.now()})`).toString('hex')}`], Charlie);
    const id = created.events.find((e) => e.name === 'ProposalCreated')?.data.id as `0x${string}`;
    expect(id).toMatch(/^0x[0-9a-f]{64}$/);
    const settings = (await suite.governor.query.settings()).data!;
    await advanceBlocks(suite.client, settings.votingDelay + 1, Alice.pair);
    await send(suite, suite.governor, 'castVote', [id, 'For', '0x'], Charlie);
    await advanceBlocks(suite.client, settings.votingPeriod + 1, Alice.pair);
    await send(suite, suite.governor, 'queue', [id], Charlie);
    await advanceBlocks(suite.client, settings.timelockDelay + 1, Alice.pair);
    const executed = await send(suite, suite.governor, 'execute', [id], Eve);
    const names = executed.events.map((e) => `${e.contract}.${e.name}`);
    expect(names).toContain('token.Transfer');
    expect(names).toContain('governor.ProposalExecuted');
    expect((await suite.governor.query.state(id)).data).toMatchObject({ isOk: true, value: 'Executed' });
  });

  it('reads a whole status list word by word, as the registry answers bit by bit', async () => {
    const { Bob } = dev; // controls the founding issuer DID
    const issuer = idOf(suite.deployment.membership!.founding_issuer);
    const created = await send(suite, suite.credentials, 'createStatusList', [issuer, 'Revocation', 131_072, false], Bob);
    const list = created.events.find((e) => e.name === 'StatusListCreated')!.data.list as number;
    await send(suite, suite.credentials, 'updateStatusList', [issuer, list, [3, 200, 131_071], true], Bob);
    const reads: number[] = [];
    const words = await readWholeList(131_072, async (start, count) => {
      reads.push(start);
      const answer = (await suite.credentials.query.statusListWords(issuer, list, start, count)).data;
      if (answer.isErr) throw new Error(String(answer.err));
      return answer.value;
    });
    expect(reads.length).toBe(16); // 1,024 words, 64 per call
    expect(setBits(words, 131_072)).toEqual([3, 200, 131_071]);
    for (const index of [3, 4, 200, 131_071]) {
      const bit = (await suite.credentials.query.statusBit(issuer, list, index)).data;
      expect(bit).toMatchObject({ isOk: true, value: bitOf(words, index) });
    }
  });
});
