// The agreement section of docs/policies.md, made from the cases the agreement test ran and the verdicts our
// rules gave: one row per peer (checks mapped, cases, agreements, deliberate differences), then the differences.
import type { PeerCase, Verdict } from './cases.ts';
import { PEERS } from './cases.ts';

export const BEGIN = '<!-- BEGIN GENERATED PEER AGREEMENT: `UPDATE_PEERS=1 npx vitest run test/peers` rewrites it from test/peers -->';
export const END = '<!-- END GENERATED PEER AGREEMENT -->';

export interface Judged {
  item: PeerCase;
  verdict: Verdict;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function agreementSection(judged: readonly Judged[]): string {
  const rows = PEERS.map((peer) => {
    const mine = judged.filter((entry) => entry.item.peer === peer);
    const checks = new Set(mine.map((entry) => entry.item.check));
    const agree = mine.filter((entry) => entry.verdict === entry.item.peerVerdict).length;
    const differ = mine.length - agree;
    const share = mine.length === 0 ? '' : ` (${((100 * agree) / mine.length).toFixed(1)}%)`;
    return `| ${peer} | ${checks.size} | ${mine.length} | ${agree}${share} | ${differ} |`;
  });
  const total = judged.filter((entry) => entry.verdict === entry.item.peerVerdict).length;
  const differences = judged
    .filter((entry) => entry.verdict !== entry.item.peerVerdict)
    .map(({ item, verdict }) => `| ${item.peer} | \`${item.check}\` | [${item.file.split('/').pop()}](../${item.file}) | ${item.peerVerdict} | ${verdict} | ${cell(item.difference ?? '')} |`);
  return [
    BEGIN,
    '',
    `${judged.length} cases, ${total} agree; every other case is a deliberate difference listed below. A case is one manifest in the shape of a peer's public test data, stating the peer's verdict (a finding or none) and the rules of ours it maps to; ours fails when any of those rules reports anything.`,
    '',
    '| Peer | Checks mapped | Cases | Agree | Deliberate differences |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Deliberate differences from peers:',
    '',
    '| Peer | Check | Case | Peer | Ours | Why |',
    '| --- | --- | --- | --- | --- | --- |',
    ...differences,
    '',
    END,
  ].join('\n');
}

export function spliceAgreement(document: string, section: string): string {
  const begin = document.indexOf(BEGIN);
  const end = document.indexOf(END);
  if (begin === -1 || end === -1 || end < begin) throw new Error(`docs/policies.md: the markers ${BEGIN} and ${END} are missing`);
  return document.slice(0, begin) + section + document.slice(end + END.length);
}
