// Credentials: a verifier checks (issuer DID, credential hash); a holder presents one claim and
// the verifier sees the verdict; an issuer issues, suspends, reinstates and revokes.
import { useEffect, useState } from 'react';
import { accountId, claimsRoot, errorText, freshSalt, idOf, present, send, verdict, type Claim, type Verdict } from '@sovra/client';
import { blake2AsHex, hexToU8a, stringToHex, u8aToHex } from 'dedot/utils';
import { useChain } from '../chain';
import { Field, Problem, Section, TxButton, useGuard } from '../ui';

/** What an issuer hands a holder: everything needed to present claims later. */
interface HolderPackage {
  issuer: string;
  credential: `0x${string}`;
  schema: `0x${string}`;
  subject: string;
  claims: { salt: `0x${string}`; name: string; value: string }[];
}

function VerdictBox({ v, id, extra }: { v?: Verdict; id: string; extra?: string }) {
  const { block } = useChain();
  if (!v) return null;
  return (
    <div className={`verdict ${v.valid ? 'good' : 'bad'}`} data-testid={id} role="status">
      <strong data-testid={`${id}-title`}>{v.title}</strong>
      <span>{v.detail}</span>
      <span className="hint">As the chain says at block #{block}.</span>
      {extra ? <span data-testid={`${id}-extra`}>{extra}</span> : null}
    </div>
  );
}

function hash32(text: string): `0x${string}` {
  const t = text.trim();
  if (!/^0x[0-9a-fA-F]{64}$/.test(t)) throw new Error('A credential hash is 0x followed by 64 hex digits.');
  return t.toLowerCase() as `0x${string}`;
}

export function Credentials() {
  const { suite, account, block } = useChain();
  const [issuer, setIssuer] = useState('');
  const [credential, setCredential] = useState('');
  const [checked, setChecked] = useState<'verify' | 'present' | 'both'>();
  const [result, setResult] = useState<Verdict>();
  const [problem, setProblem] = useState<string>();
  const [pkg, setPkg] = useState('');
  const [claimIndex, setClaimIndex] = useState(0);
  const [presentation, setPresentation] = useState<{ v: Verdict; claim: string; claimValid: boolean }>();
  const [presentProblem, setPresentProblem] = useState<string>();

  const check = async () => {
    setChecked((c) => (c === 'present' || c === 'both' ? 'both' : 'verify'));
    try {
      setProblem(undefined);
      const status = await suite.credentials.query.credentialVerifierVerify(idOf(issuer), hash32(credential));
      setResult(verdict(status.data));
    } catch (e) {
      setResult(undefined);
      setProblem((e as Error).message);
    }
  };

  let parsed: HolderPackage | undefined;
  try {
    parsed = pkg.trim() ? (JSON.parse(pkg) as HolderPackage) : undefined;
  } catch {
    parsed = undefined;
  }

  const presentClaim = async () => {
    setChecked((c) => (c === 'verify' || c === 'both' ? 'both' : 'present'));
    try {
      setPresentProblem(undefined);
      if (!parsed) throw new Error('Paste the credential package your issuer gave you (JSON).');
      if (!account) throw new Error('Select the holder’s account first.');
      const claims: Claim[] = parsed.claims.map((c) => ({ salt: hexToU8a(c.salt), name: c.name, value: c.value }));
      const p = present(claims, claimIndex);
      // a dry run as the holder: the registry binds a presentation to its holder
      const answer = await suite.credentials.query.verifyPresentation(idOf(parsed.issuer), parsed.credential, { salt: p.claim.salt, name: p.claim.name, value: p.claim.value }, p.proof, { caller: account.address });
      if (answer.data.isErr) throw new Error(errorText(answer.data.err));
      const c = claims[claimIndex]!;
      setPresentation({ v: verdict(answer.data.value.status), claim: `${c.name} = ${c.value}`, claimValid: answer.data.value.claimValid });
    } catch (e) {
      setPresentation(undefined);
      setPresentProblem((e as Error).message);
    }
  };

  // a verdict shown is re-checked on every block: a revocation shows up without a click
  useEffect(() => {
    if (checked === 'verify' || checked === 'both') void check();
    if (checked === 'present' || checked === 'both') void presentClaim();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [block]);

  return (
    <div className="view" data-testid="credentials-view">
      <Section title="Verify a credential" hint="Enter the issuer’s DID and the credential’s hash (the holder gives you both). Nothing is signed and the issuer is not contacted.">
        <div className="row">
          <Field id="verify-issuer" label="Issuer DID" wide value={issuer} onChange={setIssuer} placeholder="did:sovra:…" />
          <Field id="verify-hash" label="Credential hash" wide value={credential} onChange={setCredential} placeholder="0x…" />
          <button data-testid="verify" onClick={check}>Verify</button>
        </div>
        <VerdictBox v={result} id="verdict" />
        <Problem id="verify-problem" text={problem} />
      </Section>

      <Section title="Present one claim" hint="As the holder: reveal one claim of your credential and nothing else. The app builds the proof from the package your issuer gave you; the verdict is what a verifier sees.">
        <label className="field wide">
          <span>Credential package (JSON from the issuer)</span>
          <textarea data-testid="present-package" rows={4} value={pkg} onChange={(e) => setPkg(e.target.value)} />
        </label>
        {parsed ? (
          <div className="row">
            <label className="field">
              <span>Claim to reveal</span>
              <select data-testid="present-claim" value={claimIndex} onChange={(e) => setClaimIndex(Number(e.target.value))}>
                {parsed.claims.map((c, i) => <option key={i} value={i}>{c.name} = {c.value}</option>)}
              </select>
            </label>
            <button data-testid="present" onClick={presentClaim}>Present</button>
          </div>
        ) : null}
        {presentation ? (
          <VerdictBox
            id="presentation"
            v={presentation.claimValid && presentation.v.valid ? { valid: true, title: 'Claim proven', detail: `${presentation.claim}, from a valid credential.` } : { valid: false, title: presentation.claimValid ? `Claim proven, but the credential is ${presentation.v.title.toLowerCase()}` : 'Claim not proven', detail: presentation.claimValid ? presentation.v.detail : `${presentation.claim} is not in the credential’s commitment.` }}
          />
        ) : null}
        <Problem id="present-problem" text={presentProblem} />
      </Section>

      <Issuer />
    </div>
  );
}

function Issuer() {
  const { suite, account } = useChain();
  const [issuer, setIssuer] = useState(suite.deployment.membership?.founding_issuer ?? '');
  const [subject, setSubject] = useState('');
  const [schema, setSchema] = useState(suite.deployment.membership?.schema ?? '');
  const [claimsText, setClaimsText] = useState('age_over_18=true\nnationality=DE');
  const [days, setDays] = useState('365');
  const [issued, setIssued] = useState<HolderPackage>();
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [problem, guard] = useGuard();

  const build = (): { pkg: HolderPackage; request: Parameters<typeof suite.credentials.tx.issue>[1] } => {
    const lines = claimsText.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) throw new Error('Write at least one claim as name=value.');
    const claims = lines.map((l) => {
      const at = l.indexOf('=');
      if (at <= 0) throw new Error(`"${l}" is not name=value.`);
      return { salt: freshSalt(), name: l.slice(0, at).trim(), value: l.slice(at + 1).trim() };
    });
    const subjectAccount = accountId(subject.trim());
    const pkgBase = { issuer: issuer.trim(), schema: schema.trim() as `0x${string}`, subject: subject.trim(), claims: claims.map((c) => ({ salt: u8aToHex(c.salt), name: c.name, value: c.value })) };
    // the credential's hash: of the whole package the holder keeps (salts included)
    const credential = blake2AsHex(stringToHex(JSON.stringify(pkgBase)), 256);
    const d = Number(days);
    return {
      pkg: { ...pkgBase, credential },
      request: {
        credential,
        schema: pkgBase.schema,
        subjectAccount,
        subjectDid: undefined,
        expiresAt: d > 0 ? BigInt(Date.now() + Math.round(d * 86_400_000)) : undefined,
        claimsRoot: claimsRoot(claims),
        revocation: undefined,
        suspension: undefined,
      },
    };
  };

  return (
    <Section title="Issue and manage credentials" hint="As an issuer: the selected account must control the issuer DID or hold one of its assertion keys, and the issuer must be trusted for the schema.">
      <div className="row">
        <Field id="issue-issuer" label="Issuer DID" wide value={issuer} onChange={setIssuer} placeholder="did:sovra:…" />
        <Field id="issue-schema" label="Schema id" wide value={schema} onChange={setSchema} placeholder="0x…" />
      </div>
      <div className="row">
        <Field id="issue-subject" label="Holder (account address)" wide value={subject} onChange={setSubject} placeholder="5…" />
        <Field id="issue-days" label="Valid for (days, 0 = no expiry)" value={days} onChange={setDays} />
      </div>
      <label className="field wide">
        <span>Claims (one name=value per line; each gets its own random salt)</span>
        <textarea data-testid="issue-claims" rows={3} value={claimsText} onChange={(e) => setClaimsText(e.target.value)} />
      </label>
      <TxButton
        id="issue"
        label="Issue"
        disabled={!account}
        run={async (onState) => {
          const { pkg, request } = guard(build);
          const r = await send(suite, suite.credentials, 'issue', [idOf(pkg.issuer), request], account!, onState);
          setIssued(pkg);
          setTarget(pkg.credential);
          return r;
        }}
      />
      {issued ? (
        <div className="package">
          <p>Give the holder this package (it holds the salts: keep it private). Credential hash: <code data-testid="issued-hash">{issued.credential}</code></p>
          <pre data-testid="issued-package">{JSON.stringify(issued, null, 2)}</pre>
        </div>
      ) : null}
      <h3>Suspend, reinstate or revoke</h3>
      <div className="row">
        <Field id="manage-hash" label="Credential hash" wide value={target} onChange={setTarget} placeholder="0x…" />
        <Field id="manage-reason" label="Reason (shown to verifiers)" wide value={reason} onChange={setReason} />
      </div>
      <div className="row">
        <TxButton id="suspend" label="Suspend" disabled={!account} run={(onState) => send(suite, suite.credentials, 'suspend', [guard(() => idOf(issuer)), [guard(() => hash32(target))], stringToHex(reason)], account!, onState)} />
        <TxButton id="reinstate" label="Reinstate" disabled={!account} run={(onState) => send(suite, suite.credentials, 'reinstate', [guard(() => idOf(issuer)), [guard(() => hash32(target))]], account!, onState)} />
        <TxButton id="revoke" label="Revoke" disabled={!account} confirm="Revoke for ever? A revoked credential cannot be reinstated." run={(onState) => send(suite, suite.credentials, 'revoke', [guard(() => idOf(issuer)), [guard(() => hash32(target))], stringToHex(reason)], account!, onState)} />
      </div>
      <Problem id="issue-problem" text={problem} />
    </Section>
  );
}
