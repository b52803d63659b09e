import type { Rule } from '../rule.js';
import { KB4014345, WU_COMMON_ERRORS } from '../sources.js';
import { CLIENT, GUIDLINE, type ProblemPackOf } from './pack.js';

/*
 * The client's own side: a policy that forbids it the service, and downloads that fail their checks on the way in
 * (a web filter or proxy that alters the cab files).
 */

const ECP_DIGEST = {
  id: 'problem-ecp-cab-digest',
  title: 'ECP: Failed to validate cab file digest',
  source: 'WindowsUpdate.log',
  role: 'problem',
  literals: ['Failed to validate cab file digest'],
  pattern: /ECP: Failed to validate cab file digest/,
  meaning: {
    en: 'A cab file the client downloaded did not pass its digest check (external cab processing).',
    ja: 'クライアントがダウンロードした cab ファイルがダイジェストの確認に合格しませんでした (外部 cab の処理)。',
  },
  sources: [WU_COMMON_ERRORS],
  examples: {
    match: [
      {
        line: '1060 15a8 PT WARNING: ECP: Failed to validate cab file digest downloaded from http://www.download.windowsupdate.com/msdownload/update/software/svpk/2008/06/1319061_d1590aa04b224974f0cf46ee7937bda90a815268.cab with error 0x80246003',
      },
    ],
    noMatch: ['PT WARNING: ECP: This is an external cab file', 'PT WARNING: Cab file digest validated'],
  },
} as const satisfies Rule;

/** This theme's line rules' ids. */
export type ClientRuleId = typeof ECP_DIGEST.id;

export const CAB_CHECK_0X8024402F: ProblemPackOf<ClientRuleId> = {
  id: 'cab-check-0x8024402f',
  title: { en: 'Downloaded cab files fail their check (0x8024402F / 0x80246003)', ja: 'ダウンロードした cab ファイルの確認の失敗 (0x8024402F / 0x80246003)' },
  signatures: [{ codes: ['0x8024402F'] }, { lines: [ECP_DIGEST.id] }],
  codes: ['0x8024402F', '0x80246003'],
  rules: [ECP_DIGEST],
  cause: {
    en: 'External cab file processing completed with some errors: a downloaded cab did not pass its check. Microsoft names web-filtering software (Lightspeed Rocket) as one reason.',
    ja: '外部 cab ファイルの処理がエラーを含んで完了しました (ダウンロードした cab が確認に合格していません)。Microsoft は原因の 1 つに Web フィルター ソフトウェア (Lightspeed Rocket) を挙げています。',
  },
  remedy: {
    en: "Add the IP addresses of the devices that should get updates to the web filter's exceptions list (Microsoft names Lightspeed Rocket), so that no filter or proxy alters the downloads.",
    ja: '更新プログラムを受け取るデバイスの IP アドレスを Web フィルターの例外リストに追加し (Microsoft は Lightspeed Rocket を挙げています)、フィルターやプロキシがダウンロードを変更しないようにしてください。',
  },
  source: WU_COMMON_ERRORS,
  lookalikes: [
    {
      en: "0x80246002 (hash mismatch of an update's own file) is a download of the update content, not of the cab metadata.",
      ja: '0x80246002 (更新プログラムのファイルのハッシュ不一致) は更新プログラムのコンテンツのダウンロードの問題で、cab メタデータのものではありません。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      `${CLIENT} Sync of Updates: 0x8024402F`,
      '1060 15a8 PT WARNING: ECP: Failed to validate cab file digest downloaded from http://www.download.windowsupdate.com/msdownload/update/software/svpk/2008/06/1319061_d1590aa04b224974f0cf46ee7937bda90a815268.cab with error 0x80246003',
    ],
    absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x8024402C`],
  },
};

export const WU_ACCESS_TURNED_OFF: ProblemPackOf<never> = {
  id: 'wu-access-turned-off-0x8024002e',
  title: { en: 'Policy turns off access to Windows Update (0x8024002E)', ja: 'ポリシーによる Windows Update へのアクセスの無効化 (0x8024002E)' },
  signatures: [{ codes: ['0x8024002E'] }],
  codes: ['0x8024002E'],
  rules: [],
  cause: {
    en: 'Access to an unmanaged server is not allowed: the policy "Turn off access to all Windows Update features" (Remove access to use all Windows Update features) is on, and the client is not pointed at a WSUS server.',
    ja: '管理外のサーバーへのアクセスが許可されていません。ポリシー [Windows Update のすべての機能へのアクセスを削除する] が有効で、クライアントが WSUS サーバーを指していません。',
  },
  remedy: {
    en: "Check the client's Windows Update policies (`gpresult /h`): point it at WSUS (Specify intranet Microsoft update service location), or turn off Computer Configuration\\Administrative Templates\\Windows Components\\Windows Update\\Remove access to use all Windows Update features where it should use Microsoft Update.",
    ja: 'クライアントの Windows Update のポリシーを確認し (`gpresult /h`)、WSUS を指すように設定するか ([イントラネットの Microsoft 更新サービスの場所を指定する])、Microsoft Update を使うべきクライアントでは [コンピューターの構成]\\[管理用テンプレート]\\[Windows コンポーネント]\\[Windows Update]\\[Windows Update のすべての機能へのアクセスを削除する] を無効にしてください。',
  },
  source: KB4014345,
  lookalikes: [
    {
      en: '0x80244011 means the WUServer policy value is missing on a client set to use WSUS.',
      ja: '0x80244011 は WSUS を使う設定のクライアントで WUServer ポリシー値がない状態です。',
    },
  ],
  needsAction: true,
  examples: {
    present: [`${CLIENT} Sync of Updates: 0x8024002E`, 'AU WARNING: Failed to find updates with error code 8024002e'],
    absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x80244011`],
  },
};
