// The server surface (src/render/server.ts): `/kb954960 server X` and App Home's fleet list, built from a real store
// that real diagnoses and verification output filled, with the proof of each fact; both languages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../src/lang.js';
import { FIXED_DLL_VERSION } from '../src/kb954960.js';
import { actionText } from '../src/render/i18n.js';
import { msg } from '../src/render/messages/index.js';
import { renderServerBlocks, renderServerList, renderServerText } from '../src/render/server.js';
import { BUCKET_EMOJI } from '../src/render/status-words.js';
import type { Storage } from '../src/store/port.js';
import { expectMessageWithinBlockKit, expectWithinBlockKit, visibleText } from './support/block-kit.js';
import { fixture } from './support/fixtures.js';
import { TEST_NOW } from './support/clock.js';
import { checkInput } from './support/real-check.js';
import { tempStorage } from './support/storage.js';

const KANA = /[\u3040-\u30ff]/;

let t: { storage: Storage; close(): Promise<void> };
beforeEach(async () => {
  t = await tempStorage({ clock: () => new Date(TEST_NOW) });
});
afterEach(() => t.close());

const withProofs = async (storage: Storage, name: string) => ({ facts: (await storage.servers.facts(name))!, proofs: await storage.servers.proofsOf(name) });
const everyServer = async (storage: Storage) => Promise.all((await storage.servers.list()).map((f) => withProofs(storage, f.name)));

describe.each(['en', 'ja'] as const)('a server in %s', (lang: Lang) => {
  it('affected, then fixed by a pasted check: the name first, the state, the DLL with who recorded it, the next step', async () => {
    await checkInput(t.storage, fixture('client-affected.log'), {
      lang,
      name: 'WindowsUpdate.log',
      serverName: 'wsus01',
      channelId: 'C1',
      messageTs: '1764072000.000100',
    });
    const before = await withProofs(t.storage, 'wsus01');
    const affected = { text: renderServerText(before.facts, lang, before.proofs), blocks: renderServerBlocks(before.facts, lang, before.proofs) };
    expectMessageWithinBlockKit(affected);
    expect(affected.blocks[0]).toMatchObject({ type: 'header', text: { text: 'wsus01' } });
    expect(visibleText(affected.blocks)).toContain(msg(lang).stateLabel.affected);

    await checkInput(t.storage, `KB954960-CHECK computer=WSUS01 dll=${FIXED_DLL_VERSION}`, {
      lang,
      userId: 'UADMIN',
      channelId: 'C1',
      messageTs: '1764072100.000200',
    });
    const after = await withProofs(t.storage, 'wsus01');
    expect(after.facts.dllVersion).toBe(FIXED_DLL_VERSION);
    const blocks = renderServerBlocks(after.facts, lang, after.proofs);
    expectMessageWithinBlockKit({ text: renderServerText(after.facts, lang, after.proofs), blocks });
    const text = visibleText(blocks);
    expect(text).toContain(`*${msg(lang).stateLabel.fixed}*`);
    expect(text).toContain(FIXED_DLL_VERSION);
    expect(text).toContain('<@UADMIN>'); // the proof: who recorded it
    // Fixed after failing: what is left is to see the clients sync again.
    expect(text).toContain(actionText('rerun-client-detection', lang));
    expect(text).not.toContain(msg(lang).stateLabel.affected);
    expect(KANA.test(text)).toBe(lang === 'ja');
  });

  it('a server known by name only: no facts yet, check its version next', async () => {
    await checkInput(t.storage, fixture('client-other-errors.log'), { lang, serverName: 'wsus02' });
    const s = await withProofs(t.storage, 'wsus02');
    const blocks = renderServerBlocks(s.facts, lang, s.proofs);
    expectMessageWithinBlockKit({ text: renderServerText(s.facts, lang, s.proofs), blocks });
    expect(visibleText(blocks)).toContain(msg(lang).stateLabel.unknown);
    expect(visibleText(blocks)).toContain(actionText('check-server-version', lang).slice(0, 40));
  });

  it('App Home\'s list: a line per server with its proof, cut to whole lines in sections Slack takes, "and N more"', async () => {
    for (let i = 0; i < 70; i++) {
      await checkInput(t.storage, `KB954960-CHECK computer=WSUS-${String(i).padStart(2, '0')}-A-RATHER-LONG-BRANCH-NAME dll=3.1.6001.${60 + (i % 10)}`, {
        lang,
        userId: `UADMIN${i}`,
        channelId: 'C1',
        messageTs: `1764072000.${String(i).padStart(6, '0')}`,
      });
    }
    const servers = await everyServer(t.storage);
    expect(servers).toHaveLength(70);
    const blocks = renderServerList(servers, lang);
    expectWithinBlockKit(blocks, 'message');
    const text = visibleText(blocks);
    expect(text).toContain('<@UADMIN6>'); // server 6 is fixed (DLL .66): its line names who recorded the proof
    expect(servers.filter((s) => text.includes(s.facts.name))).toHaveLength(50);
    expect(text).toContain(lang === 'ja' ? 'ほか 20 台' : 'and 20 more');
    expect(renderServerList([], lang)).toHaveLength(2); // the heading and "no servers yet"
  });

  it("App Home's list uses the status post's emoji, and a server KB954960 does not apply to claims no missing proof", async () => {
    const checks = [
      'KB954960-CHECK computer=WSUS-RTM wsus=3.0.6000.374',
      'KB954960-CHECK computer=WSUS-SP2 wsus=3.2.7600.226',
      'KB954960-CHECK computer=WSUS-MIXED wsus=3.0.6000.374\nKB954960-CHECK computer=WSUS-MIXED dll=3.2.7600.226',
      'KB954960-CHECK computer=WSUS-SP1 wsus=3.1.6001.65',
    ];
    for (const [i, check] of checks.entries())
      await checkInput(t.storage, check, { lang, userId: 'UADMIN', channelId: 'C1', messageTs: `1764072000.00010${i}` });
    const servers = await everyServer(t.storage);
    const lines = visibleText(renderServerList(servers, lang)).split('\n');
    const lineOf = (name: string) => lines.find((l) => l.includes(`*${name}*`))!;
    const m = msg(lang);
    // One emoji table for App Home's two lists (status above, servers below): the same state, the same emoji.
    expect(lineOf('wsus-rtm')).toBe(`${BUCKET_EMOJI['needs-sp1']} *wsus-rtm* — ${m.stateLabel['needs-sp1']} · ${m.serverFacts.noProofYet}`);
    expect(lineOf('wsus-mixed').startsWith(`${BUCKET_EMOJI.conflict} *wsus-mixed* — ${m.stateLabel.conflict}`)).toBe(true);
    expect(lineOf('wsus-sp1').startsWith(`${BUCKET_EMOJI.vulnerable} *wsus-sp1* — ${m.stateLabel.vulnerable}`)).toBe(true);
    // "does not apply · no proof of the fix yet" would contradict itself: the line says its state and no more.
    expect(lineOf('wsus-sp2')).toBe(`${BUCKET_EMOJI['not-applicable']} *wsus-sp2* — ${m.stateLabel['not-applicable']}`);
    const sp2 = await withProofs(t.storage, 'wsus-sp2');
    expect(visibleText(renderServerBlocks(sp2.facts, lang, sp2.proofs))).toContain(`${BUCKET_EMOJI['not-applicable']} *${m.stateLabel['not-applicable']}*`);
  });
});
