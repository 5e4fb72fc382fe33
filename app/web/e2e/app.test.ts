// The web app in a real browser (Debian's Chromium, headless, through playwright-core) against
// the local node with a fresh deployment and the demo's data (scripts/app-test.sh sets it up).
// Every step asserts what the page shows against what the chain holds, read independently
// with @sovra/client. Screenshots of every view go to $SOVRA_APP_SHOTS (target/app).
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACTS, didOf, formatAmount, idOf, send, Suite, toSs58, verdict, type Deployment, type Metadata } from '@sovra/client';
import { advanceBlocks, bestBlock, devAccounts } from '@sovra/client/dev';

const ROOT = resolve(__dirname, '../../..');
const INK = process.env.SOVRA_INK_DIR ?? resolve(ROOT, 'target/ink');
const SHOTS = process.env.SOVRA_APP_SHOTS ?? resolve(ROOT, 'target/app');
const URL_RPC = process.env.SOVRA_NODE_URL ?? 'ws://127.0.0.1:9944';
const CHROMIUM = process.env.SOVRA_CHROMIUM ?? '/usr/bin/chromium';
const SOV = 10n ** 12n;

let server: PreviewServer;
let browser: Browser;
let page: Page;
let suite: Suite;
let dev: Awaited<ReturnType<typeof devAccounts>>;
const timings: [string, number][] = [];

async function step<T>(name: string, f: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const out = await f();
  timings.push([name, (Date.now() - start) / 1000]);
  return out;
}

/** Waits until `locator`'s text matches `pattern` (the page re-reads on every block). */
async function waitText(locator: Locator, pattern: RegExp, timeout = 60_000): Promise<string> {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    last = (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : '';
    if (pattern.test(last)) return last;
    await page.waitForTimeout(150);
  }
  await page.screenshot({ path: resolve(SHOTS, 'failure.png'), fullPage: true });
  throw new Error(`waited ${timeout} ms for ${pattern}; the page shows "${last}" (screenshot: ${resolve(SHOTS, 'failure.png')})`);
}

/** Clicks a transaction button and waits for its outcome; returns the status line. */
async function tx(id: string, expect: RegExp = /^Done in block #\d+\.$/): Promise<string> {
  await page.getByTestId(id).click();
  return waitText(page.getByTestId(`${id}-state`), new RegExp(`${expect.source}|^Failed`)).then((t) => {
    if (!expect.test(t)) throw new Error(`${id}: ${t}`);
    return t;
  });
}

async function as(name: keyof typeof dev) {
  await page.getByTestId('account').selectOption(dev[name].address);
}

async function tab(name: string) {
  await page.getByTestId(`tab-${name}`).click();
  await page.getByTestId(`${name}-view`).waitFor();
}

/** Fractionalizes the demo's deed (NFT #2) into 100 shares, reserve 1 UNIT, through the page. */
async function fractionalizeDeed(name: string, symbol: string) {
  await page.getByTestId('frac-id').fill('2');
  await page.getByTestId('frac-shares').fill('100');
  await page.getByTestId('frac-name').fill(name);
  await page.getByTestId('frac-symbol').fill(symbol);
  await page.getByTestId('frac-reserve').fill('1');
  await tx('fractionalize');
}

async function shot(name: string) {
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const deployment = JSON.parse(readFileSync(resolve(ROOT, 'deployments/local.json'), 'utf8')) as Deployment;
  const metadata = Object.fromEntries(CONTRACTS.map((n) => [n, JSON.parse(readFileSync(resolve(INK, n, `${n}.json`), 'utf8'))])) as Metadata;
  suite = await Suite.open(deployment, metadata, URL_RPC);
  dev = await devAccounts();
  server = await preview({ root: resolve(__dirname, '..'), preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => void d.accept());
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  const address = server.resolvedUrls?.local[0] ?? '';
  await page.goto(`${address}?rpc=${encodeURIComponent(URL_RPC)}#/identity`);
  await page.getByTestId('identity-view').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.httpServer.close(() => done()) : done()));
  await suite?.close();
  if (timings.length) console.log(timings.map(([n, s]) => `${n}: ${s.toFixed(1)} s`).join('\n'));
});

describe('the web app on the local node', () => {
  it('creates a DID, shows its document, adds a key, rotates it with an overlap, retires one compromised and deactivates the DID', async () => {
    await step('identity', async () => {
      await as('Alice');
      await tx('create-did');
      const did = await waitText(page.getByTestId('doc-id'), /^did:sovra:[0-9a-f]{64}$/);
      const doc = (await suite.did.query.resolve(idOf(did))).data;
      expect(doc.isOk).toBe(true);
      if (!doc.isOk) return;
      expect(didOf(doc.value.id)).toBe(did);
      expect(doc.value.controllers.map((c) => toSs58(c.raw))).toEqual([dev.Alice.address]);
      expect(await page.getByTestId('doc-status').textContent()).toBe('Active');
      await page.getByTestId('key-name').fill('key-2');
      await page.getByTestId('key-material').fill(dev.Dave.address);
      await tx('add-key');
      const row = await waitText(page.getByTestId('key-key-2'), /assertionMethod/);
      expect(row).toContain('Dave');
      const after = (await suite.did.query.resolve(idOf(did))).data;
      expect(after.isOk && after.value.verificationMethods.map((m) => m.keyType)).toEqual(['Account']);
      await page.getByTestId('toggle-json').click();
      const json = JSON.parse((await page.getByTestId('did-json').textContent()) ?? '{}');
      expect(json.didDocument.id).toBe(did);
      expect(json.didDocument.assertionMethod).toContain(`${did}#key-2`);
      await shot('identity');
      // rotate key-2 to key-3 (Eve) with a 10-minute overlap: key-2 stays valid until then
      await page.getByTestId('key-name').fill('key-3');
      await page.getByTestId('key-material').fill(dev.Eve.address);
      await page.getByTestId('rotate-old').selectOption('key-2');
      await tx('rotate');
      await waitText(page.getByTestId('key-key-2'), /valid, for (9|10) more minutes/);
      await waitText(page.getByTestId('key-key-3'), /Eve.*assertionMethod.*valid$/);
      const rotated = (await suite.did.query.resolve(idOf(did))).data;
      const now = BigInt(await suite.client.query.timestamp.now());
      const old = rotated.isOk ? rotated.value.verificationMethods.find((m) => m.keyType === 'Account' && m.publicKey === `0x${Buffer.from(dev.Dave.pair.publicKey).toString('hex')}`) : undefined;
      expect(old?.validUntil).toBeGreaterThan(now);
      expect(old!.validUntil! - now).toBeLessThanOrEqual(600_000n);
      // report key-3 compromised (after a confirmation), then deactivate the DID (likewise)
      await page.getByTestId('compromised-key').selectOption('key-3');
      await tx('mark-compromised');
      // the registry retires a compromised key: it leaves the keys and is listed as compromised
      await waitText(page.getByTestId('doc-compromised'), /#key-3 — nothing it signed since \d{4}-/);
      expect(await page.getByTestId('key-key-3').count()).toBe(0);
      const marked = (await suite.did.query.resolve(idOf(did))).data;
      expect(marked.isOk && marked.value.compromised.length).toBe(1);
      await tx('deactivate');
      await waitText(page.getByTestId('doc-status'), /^Deactivated/);
      const gone = (await suite.did.query.resolve(idOf(did))).data;
      expect(gone.isOk && gone.value.metadata.deactivated).toBe(true);
      await shot('identity-deactivated');
    });
  });

  it('issues a credential, verifies it valid, presents one claim, revokes it and verifies it revoked', async () => {
    await step('credentials', async () => {
      await tab('credentials');
      await as('Bob'); // controls the founding issuer DID (the deployment trusts it for membership)
      await page.getByTestId('issue-subject').fill(dev.Ferdie.address);
      await tx('issue');
      const hash = (await page.getByTestId('issued-hash').textContent())!;
      const pkg = (await page.getByTestId('issued-package').textContent())!;
      const issuer = JSON.parse(pkg).issuer as string;
      const check = async () => {
        await page.getByTestId('verify-issuer').fill(issuer);
        await page.getByTestId('verify-hash').fill(hash);
        await page.getByTestId('verify').click();
        const onChain = verdict((await suite.credentials.query.credentialVerifierVerify(idOf(issuer), hash as `0x${string}`)).data);
        await waitText(page.getByTestId('verdict-title'), new RegExp(`^${onChain.title}$`));
        expect(await page.getByTestId('verdict').textContent()).toContain(onChain.detail);
        return onChain;
      };
      expect((await check()).title).toBe('Valid');
      await shot('credentials-valid');
      // the holder presents one claim; the registry checks it bound to the holder
      await as('Ferdie');
      await page.getByTestId('present-package').fill(pkg);
      await page.getByTestId('present-claim').selectOption('0');
      await page.getByTestId('present').click();
      await waitText(page.getByTestId('presentation-title'), /^Claim proven$/);
      expect(await page.getByTestId('presentation').textContent()).toContain('age_over_18 = true');
      // the issuer revokes; the verifier sees it with the reason
      await as('Bob'); // (another account: the view starts afresh)
      await page.getByTestId('manage-hash').fill(hash);
      await page.getByTestId('manage-reason').fill('left the test');
      await tx('revoke');
      const revoked = await check();
      expect(revoked.title).toBe('Revoked');
      expect(await page.getByTestId('verdict').textContent()).toContain('“left the test”');
      await shot('credentials-revoked');
    });
  });

  it('delegates, shows the votes move as the chain counts them, and explains a compliance refusal', async () => {
    await step('tokens', async () => {
      await tab('tokens');
      const votesText = async (who: string) => formatAmount((await suite.token.query.votesGetVotes(who)).data, 12, 'SOV');
      await as('Eve');
      await waitText(page.getByTestId('votes'), new RegExp(`^${await votesText(dev.Eve.address)}$`));
      await page.getByTestId('delegatee').fill(dev.Charlie.address);
      await tx('delegate-btn');
      expect(toSs58((await suite.token.query.votesDelegates(dev.Eve.address)).data!.raw)).toBe(dev.Charlie.address);
      await waitText(page.getByTestId('delegate'), /Charlie/);
      await waitText(page.getByTestId('votes'), /^0 SOV$/);
      await as('Charlie');
      const charlie = await votesText(dev.Charlie.address);
      await waitText(page.getByTestId('votes'), new RegExp(`^${charlie}$`));
      await waitText(page.getByTestId('delegators'), /Dave.*Eve|Eve.*Dave/);
      await page.getByTestId('power-chart').waitFor();
      // the demo revoked Alice's membership: the gate refuses, in words, before anything is signed
      expect((await suite.credentials.query.credentialVerifierHasValidCredential(dev.Alice.address, suite.deployment.membership!.schema as `0x${string}`)).data).toBe(false);
      await page.getByTestId('transfer-to').fill(dev.Alice.address);
      await page.getByTestId('transfer-amount').fill('1');
      const refused = await tx('transfer', /^Failed: /);
      expect(refused).toBe('Failed: The token refused to transfer: the receiver holds no valid membership credential');
      await shot('tokens');
    });
  });

  it('creates a proposal with the action builder, votes, queues and executes it', async () => {
    await step('dao', async () => {
      await tab('dao');
      await as('Charlie');
      const settings = (await suite.governor.query.settings()).data!;
      const before = (await suite.token.query.psp22BalanceOf(dev.Eve.address)).data;
      await page.getByTestId('builder-contract').selectOption('token');
      await page.getByTestId('builder-message').selectOption('mint_to');
      await page.getByTestId('builder-arg-to').fill(dev.Eve.address);
      await page.getByTestId('builder-arg-value').fill('7');
      await page.getByTestId('builder-add').click();
      expect(await page.getByTestId('builder-actions').textContent()).toContain(`token.mint_to(to: Eve (${dev.Eve.address}), value: 7 SOV)`);
      const title = `Mint 7 SOV to Eve (browser test ${Date.now()})`;
      await page.getByTestId('proposal-description').fill(title);
      await tx('propose');
      const card = page.locator('article.proposal', { hasText: title });
      await waitText(card.getByTestId('proposal-state'), /^Pending$/);
      const count = Number((await suite.governor.query.proposalCount()).data);
      const id = (await suite.governor.query.proposalIdAt(count - 1)).data!;
      await card.locator('header').click();
      const actions = await waitText(card.getByTestId('proposal-actions'), /mint_to/);
      expect(actions).toContain(`to: Eve (${dev.Eve.address}), value: 7 SOV`);
      await advanceBlocks(suite.client, settings.votingDelay + 1, dev.Alice.pair);
      await waitText(card.getByTestId('proposal-state'), /^Active$/);
      await card.getByTestId('vote-reason').fill('the community fund needs it');
      await card.getByTestId('vote-for').click();
      await waitText(card.getByTestId('proposal-tx'), /^Vote For: done in block #\d+\.$/);
      const tally = (await suite.governor.query.proposal(id)).data!.tally;
      expect(tally.forVotes).toBeGreaterThan(0n);
      await waitText(card.getByTestId('tally-for'), new RegExp(`^${formatAmount(tally.forVotes, 12, 'SOV')}$`));
      await waitText(card.getByTestId('proposal-votes'), /Charlie.*voted For.*“the community fund needs it”/);
      await shot('dao-voted');
      await advanceBlocks(suite.client, settings.votingPeriod + settings.voteExtension + 1, dev.Alice.pair);
      await waitText(card.getByTestId('proposal-state'), /^Succeeded$/);
      await card.getByTestId('queue').click();
      await waitText(card.getByTestId('proposal-tx'), /^Queue: done in block #\d+\.$/);
      await waitText(card.getByTestId('proposal-state'), /^Queued$/);
      await advanceBlocks(suite.client, settings.timelockDelay + 1, dev.Alice.pair);
      await card.getByTestId('execute').click();
      await waitText(card.getByTestId('proposal-tx'), /^Execute: done in block #\d+\.$/);
      await waitText(card.getByTestId('proposal-state'), /^Executed$/);
      expect((await suite.governor.query.state(id)).data).toMatchObject({ isOk: true, value: 'Executed' });
      expect((await suite.token.query.psp22BalanceOf(dev.Eve.address)).data).toBe(before + 7n * SOV);
      await shot('dao-executed');
    });
  });

  it('shows the demo’s sold asset, fractionalizes the deed again and redeems it with every share', async () => {
    await step('vault', async () => {
      await tab('vault');
      await as('Dave'); // bought the community hall's deed in the demo's buyout
      const deed = { type: 'U32' as const, value: 2 };
      expect(toSs58((await suite.nft.query.psp34OwnerOf(deed)).data!.raw)).toBe(dev.Dave.address);
      const sold = (await suite.vault.query.sale(0)).data!;
      await waitText(page.getByTestId('asset-0').getByTestId('asset-sale'), new RegExp(`sold to Dave .* for ${formatAmount(sold.price, 12, 'UNIT')}`));
      const before = (await suite.vault.query.assetCount()).data;
      await fractionalizeDeed('Hall shares, second round', 'HALL2');
      expect((await suite.vault.query.assetCount()).data).toBe(before + 1);
      expect(toSs58((await suite.nft.query.psp34OwnerOf(deed)).data!.raw)).toBe(suite.deployment.contracts.vault.address);
      const card = page.getByTestId(`asset-${before}`);
      await waitText(card.getByTestId('asset-state'), /^In the vault$/);
      expect(await card.getByTestId('asset-name').textContent()).toBe('Community hall deed');
      await waitText(card.getByTestId('asset-shares'), /^100 HALL2 in circulation \(of 100\); you hold 100 \(100%\)$/);
      await waitText(card.getByTestId('asset-reserve'), /^1 UNIT/);
      await shot('vault');
      await tx(`redeem-${before}`);
      await waitText(card.getByTestId('asset-state'), /^Redeemed$/);
      expect(toSs58((await suite.nft.query.psp34OwnerOf(deed)).data!.raw)).toBe(dev.Dave.address);
      expect((await suite.vault.query.asset(before)).data!.state).toBe('Redeemed');
      await shot('vault-redeemed');
    });
  });

  it('auctions a fractionalized deed: a bidder refused, an outbid, a withdrawal, every holder’s claim', async () => {
    await step('buyout', async () => {
      await as('Dave'); // holds the deed again after redeeming it
      const deed = { type: 'U32' as const, value: 2 };
      const m = (await suite.vault.query.assetCount()).data;
      await fractionalizeDeed('Hall shares, third round', 'HALL3');
      const shares = suite.tokenAt((await suite.vault.query.asset(m)).data!.shares.raw);
      // a second holder: Dave sells Charlie 40 shares (outside the page: the Tokens view moves SOV)
      await send(suite, shares, 'psp22Transfer', [dev.Charlie.address, 40n, '0x'], dev.Dave);
      const card = page.getByTestId(`asset-${m}`);
      await waitText(card.getByTestId('asset-shares'), /^100 HALL3 in circulation \(of 100\); you hold 60 \(60%\)$/);
      // Eve opens the auction at 2 UNIT
      await as('Eve');
      await card.getByTestId(`amount-${m}`).fill('2');
      await tx(`buyout-${m}`);
      await waitText(card.getByTestId('asset-state'), /^Auction$/);
      await waitText(card.getByTestId('asset-auction'), /^highest bid 2 UNIT by Eve .*; the next bid must be at least 2\.1 UNIT$/);
      expect((await suite.vault.query.auction(m)).data).toMatchObject({ bid: 2n * SOV });
      // Ferdie holds no membership (revoked in the credentials step): he could not receive the deed
      await as('Ferdie');
      await card.getByTestId(`amount-${m}`).fill('3');
      await tx(`bid-${m}`, /^Failed: The vault refused to bid: the receiver holds no valid membership credential/);
      // Charlie: one planck below the minimum the page shows is refused, the minimum outbids Eve
      await as('Charlie');
      await card.getByTestId(`amount-${m}`).fill('2.099999999999');
      await tx(`bid-${m}`, /^Failed: The vault refused to bid: a bid must beat the current one by at least 5%/);
      await card.getByTestId(`amount-${m}`).fill('2.1');
      await tx(`bid-${m}`);
      await waitText(card.getByTestId('asset-auction'), /^highest bid 2\.1 UNIT by Charlie .*; the next bid must be at least 2\.205 UNIT$/);
      await shot('vault-auction');
      // Eve's outbid bid waits for her; she takes it out
      await as('Eve');
      expect((await suite.vault.query.due(dev.Eve.address)).data).toBe(2n * SOV);
      await waitText(page.getByTestId('vault-due'), /^You may withdraw 2 UNIT /);
      await tx('vault-withdraw');
      expect((await suite.vault.query.due(dev.Eve.address)).data).toBe(0n);
      // the window passes; anyone closes the auction and the deed goes to Charlie
      const endsAt = (await suite.vault.query.auction(m)).data!.endsAt;
      await advanceBlocks(suite.client, endsAt - (await bestBlock(suite.client)) + 1, dev.Alice.pair);
      await waitText(card.getByTestId('asset-auction'), /over: anyone may close it$/);
      await tx(`end-${m}`);
      await waitText(card.getByTestId('asset-state'), /^Sold$/);
      await waitText(card.getByTestId('asset-sale'), /^sold to Charlie .* for 2\.1 UNIT; 2\.1 UNIT not yet claimed$/);
      expect(toSs58((await suite.nft.query.psp34OwnerOf(deed)).data!.raw)).toBe(dev.Charlie.address);
      // every holder claims its part: Dave 60% of 2.1 UNIT, Charlie the rest
      await as('Dave');
      await tx(`claim-${m}`);
      await waitText(card.getByTestId('asset-sale'), /; 0\.84 UNIT not yet claimed$/);
      expect((await suite.vault.query.sale(m)).data!.unclaimed).toBe((84n * SOV) / 100n);
      expect((await shares.query.psp22BalanceOf(dev.Dave.address)).data).toBe(0n);
      await as('Charlie');
      await tx(`claim-${m}`);
      await waitText(card.getByTestId('asset-sale'), /; every holder has claimed$/);
      expect((await suite.vault.query.sale(m)).data).toMatchObject({ unclaimed: 0n, delivered: true });
      expect((await shares.query.psp22TotalSupply()).data).toBe(0n);
      await shot('vault-sold');
    });
  });
});
