/*
 * Windows Update result codes, part 1 of 3: success codes, the general WU_E_* codes (0x80240xxx) and the Windows
 * Installer minor errors (0x80241xxx).
 *
 * Source [H]: microsoft/win32metadata generation/WinSDK/RecompiledIdlHeaders/um/wuerror.h
 * (commit 1e548b0abd16444e620215b801447c70253f5aae), "wuerror.mc -- error code definitions for Windows Update".
 * Names and English texts are the header's `MessageId` and `MessageText`, copied verbatim (typos included);
 * test/result-codes.test.ts pins a verbatim excerpt of the header (test/fixtures/wuerror-excerpt.h) to this data.
 * Japanese texts are ours, written for admins.
 *
 * One entry a line: `CODE NAME | English MessageText | 日本語`.
 */
export const WUERROR_AGENT = `
0x00240001 WU_S_SERVICE_STOP | Windows Update Agent was stopped successfully. | Windows Update エージェントは正常に停止しました。
0x00240002 WU_S_SELFUPDATE | Windows Update Agent updated itself. | Windows Update エージェントが自己更新しました。
0x00240003 WU_S_UPDATE_ERROR | Operation completed successfully but there were errors applying the updates. | 操作は完了しましたが、更新プログラムの適用でエラーがありました。
0x00240004 WU_S_MARKED_FOR_DISCONNECT | A callback was marked to be disconnected later because the request to disconnect the operation came while a callback was executing. | コールバック実行中に切断要求が来たため、後で切断するよう印を付けました。
0x00240005 WU_S_REBOOT_REQUIRED | The system must be restarted to complete installation of the update. | 更新プログラムのインストールを完了するには再起動が必要です。
0x00240006 WU_S_ALREADY_INSTALLED | The update to be installed is already installed on the system. | その更新プログラムは既にインストールされています。
0x00240007 WU_S_ALREADY_UNINSTALLED | The update to be removed is not installed on the system. | 削除しようとした更新プログラムはインストールされていません。
0x00240008 WU_S_ALREADY_DOWNLOADED | The update to be downloaded has already been downloaded. | その更新プログラムは既にダウンロード済みです。
0x00240009 WU_S_SOME_UPDATES_SKIPPED_ON_BATTERY | The operation completed successfully, but some updates were skipped because the system is running on batteries. | 操作は完了しましたが、バッテリー駆動中のため一部の更新プログラムをスキップしました。
0x0024000A WU_S_ALREADY_REVERTED | The update to be reverted is not present on the system. | 元に戻そうとした更新プログラムはシステムにありません。
0x00240010 WU_S_SEARCH_CRITERIA_NOT_SUPPORTED | The operation is skipped because the update service does not support the requested search criteria. | 更新サービスが検索条件に対応していないため、操作をスキップしました。
0x00242015 WU_S_UH_INSTALLSTILLPENDING | The installation operation for the update is still in progress. | 更新プログラムのインストールはまだ進行中です。
0x00242016 WU_S_UH_DOWNLOAD_SIZE_CALCULATED | The actual download size has been calculated by the handler. | ハンドラーが実際のダウンロード サイズを算出しました。
0x00245001 WU_S_SIH_NOOP | No operation was required by the server-initiated healing server response. | サーバー主導の修復 (SIH) の応答では何も必要ありませんでした。
0x00246001 WU_S_DM_ALREADYDOWNLOADING | The update to be downloaded is already being downloaded. | その更新プログラムは既にダウンロード中です。
0x00247101 WU_S_METADATA_SKIPPED_BY_ENFORCEMENTMODE | Metadata verification was skipped by enforcement mode. | 強制モードによりメタデータの検証をスキップしました。
0x00247102 WU_S_METADATA_IGNORED_SIGNATURE_VERIFICATION | A server configuration refresh resulted in metadata signature verification to be ignored. | サーバーの構成が更新されたため、メタデータ署名の検証を無視しました。
0x00248001 WU_S_SEARCH_LOAD_SHEDDING | Search operation completed successfully but one or more services were shedding load. | 検索は完了しましたが、負荷制限中のサービスがありました。
0x00248002 WU_S_AAD_DEVICE_TICKET_NOT_NEEDED | There was no need to retrieve an AAD device ticket. | AAD デバイス チケットの取得は不要でした。
0x80240001 WU_E_NO_SERVICE | Windows Update Agent was unable to provide the service. | Windows Update エージェントがサービスを提供できませんでした。
0x80240002 WU_E_MAX_CAPACITY_REACHED | The maximum capacity of the service was exceeded. | サービスの最大容量を超えました。
0x80240003 WU_E_UNKNOWN_ID | An ID cannot be found. | ID が見つかりません。
0x80240004 WU_E_NOT_INITIALIZED | The object could not be initialized. | オブジェクトを初期化できませんでした。
0x80240005 WU_E_RANGEOVERLAP | The update handler requested a byte range overlapping a previously requested range. | 更新ハンドラーが、既に要求した範囲と重なるバイト範囲を要求しました。
0x80240006 WU_E_TOOMANYRANGES | The requested number of byte ranges exceeds the maximum number (2^31 - 1). | 要求したバイト範囲の数が上限 (2^31 - 1) を超えました。
0x80240007 WU_E_INVALIDINDEX | The index to a collection was invalid. | コレクションのインデックスが無効です。
0x80240008 WU_E_ITEMNOTFOUND | The key for the item queried could not be found. | 照会した項目のキーが見つかりません。
0x80240009 WU_E_OPERATIONINPROGRESS | Another conflicting operation was in progress. Some operations such as installation cannot be performed twice simultaneously. | 競合する別の操作が進行中でした (インストールなどは同時に 2 つ実行できません)。
0x8024000A WU_E_COULDNOTCANCEL | Cancellation of the operation was not allowed. | 操作の取り消しは許可されませんでした。
0x8024000B WU_E_CALL_CANCELLED | Operation was cancelled. | 操作が取り消されました。
0x8024000C WU_E_NOOP | No operation was required. | 必要な操作はありませんでした。
0x8024000D WU_E_XML_MISSINGDATA | Windows Update Agent could not find required information in the update's XML data. | 更新プログラムの XML データに必要な情報がありません。
0x8024000E WU_E_XML_INVALID | Windows Update Agent found invalid information in the update's XML data. | 更新プログラムの XML データに無効な情報があります。
0x8024000F WU_E_CYCLE_DETECTED | Circular update relationships were detected in the metadata. | メタデータに更新プログラムの循環した関係がありました。
0x80240010 WU_E_TOO_DEEP_RELATION | Update relationships too deep to evaluate were evaluated. | 評価しきれないほど深い更新プログラムの関係がありました。
0x80240011 WU_E_INVALID_RELATIONSHIP | An invalid update relationship was detected. | 無効な更新プログラムの関係がありました。
0x80240012 WU_E_REG_VALUE_INVALID | An invalid registry value was read. | 無効なレジストリ値を読み取りました。
0x80240013 WU_E_DUPLICATE_ITEM | Operation tried to add a duplicate item to a list. | 一覧に重複した項目を追加しようとしました。
0x80240014 WU_E_INVALID_INSTALL_REQUESTED | Updates requested for install are not installable by caller. | 要求された更新プログラムは呼び出し元からはインストールできません。
0x80240016 WU_E_INSTALL_NOT_ALLOWED | Operation tried to install while another installation was in progress or the system was pending a mandatory restart. | 別のインストール中、または必須の再起動待ちの間にインストールしようとしました。
0x80240017 WU_E_NOT_APPLICABLE | Operation was not performed because there are no applicable updates. | 適用できる更新プログラムがないため実行しませんでした。
0x80240018 WU_E_NO_USERTOKEN | Operation failed because a required user token is missing. | 必要なユーザー トークンがないため失敗しました。
0x80240019 WU_E_EXCLUSIVE_INSTALL_CONFLICT | An exclusive update cannot be installed with other updates at the same time. | 排他的な更新プログラムは他の更新プログラムと同時にインストールできません。
0x8024001A WU_E_POLICY_NOT_SET | A policy value was not set. | ポリシー値が設定されていません。
0x8024001B WU_E_SELFUPDATE_IN_PROGRESS | The operation could not be performed because the Windows Update Agent is self-updating. | Windows Update エージェントの自己更新中のため実行できませんでした。
0x8024001D WU_E_INVALID_UPDATE | An update contains invalid metadata. | 更新プログラムのメタデータが無効です。
0x8024001E WU_E_SERVICE_STOP | Operation did not complete because the service or system was being shut down. | サービスまたはシステムの停止中だったため完了しませんでした。
0x8024001F WU_E_NO_CONNECTION | Operation did not complete because the network connection was unavailable. | ネットワークに接続できなかったため完了しませんでした。
0x80240020 WU_E_NO_INTERACTIVE_USER | Operation did not complete because there is no logged-on interactive user. | 対話的にログオンしているユーザーがいないため完了しませんでした。
0x80240021 WU_E_TIME_OUT | Operation did not complete because it timed out. | タイムアウトしたため完了しませんでした。
0x80240022 WU_E_ALL_UPDATES_FAILED | Operation failed for all the updates. | すべての更新プログラムで操作が失敗しました。
0x80240023 WU_E_EULAS_DECLINED | The license terms for all updates were declined. | すべての更新プログラムのライセンス条項が拒否されました。
0x80240024 WU_E_NO_UPDATE | There are no updates. | 更新プログラムがありません。
0x80240025 WU_E_USER_ACCESS_DISABLED | Group Policy settings prevented access to Windows Update. | グループ ポリシーにより Windows Update へのアクセスが禁止されています。
0x80240026 WU_E_INVALID_UPDATE_TYPE | The type of update is invalid. | 更新プログラムの種類が無効です。
0x80240027 WU_E_URL_TOO_LONG | The URL exceeded the maximum length. | URL が最大長を超えました。
0x80240028 WU_E_UNINSTALL_NOT_ALLOWED | The update could not be uninstalled because the request did not originate from a WSUS server. | 要求が WSUS サーバーからではないため、アンインストールできませんでした。
0x80240029 WU_E_INVALID_PRODUCT_LICENSE | Search may have missed some updates before there is an unlicensed application on the system. | ライセンスのないアプリケーションがあるため、検索で一部の更新プログラムを見落とした可能性があります。
0x8024002A WU_E_MISSING_HANDLER | A component required to detect applicable updates was missing. | 適用可能な更新プログラムの検出に必要なコンポーネントがありません。
0x8024002B WU_E_LEGACYSERVER | An operation did not complete because it requires a newer version of server. | より新しいバージョンのサーバーが必要なため完了しませんでした。
0x8024002C WU_E_BIN_SOURCE_ABSENT | A delta-compressed update could not be installed because it required the source. | 差分圧縮の更新プログラムは元ファイルが必要なためインストールできませんでした。
0x8024002D WU_E_SOURCE_ABSENT | A full-file update could not be installed because it required the source. | 完全ファイルの更新プログラムはソースが必要なためインストールできませんでした。
0x8024002E WU_E_WU_DISABLED | Access to an unmanaged server is not allowed. | 管理外のサーバーへのアクセスは許可されていません。
0x8024002F WU_E_CALL_CANCELLED_BY_POLICY | Operation did not complete because the DisableWindowsUpdateAccess policy was set. | DisableWindowsUpdateAccess ポリシーが設定されているため完了しませんでした。
0x80240030 WU_E_INVALID_PROXY_SERVER | The format of the proxy list was invalid. | プロキシ リストの形式が無効です。
0x80240031 WU_E_INVALID_FILE | The file is in the wrong format. | ファイルの形式が正しくありません。
0x80240032 WU_E_INVALID_CRITERIA | The search criteria string was invalid. | 検索条件の文字列が無効です。
0x80240033 WU_E_EULA_UNAVAILABLE | License terms could not be downloaded. | ライセンス条項をダウンロードできませんでした。
0x80240034 WU_E_DOWNLOAD_FAILED | Update failed to download. | 更新プログラムのダウンロードに失敗しました。
0x80240035 WU_E_UPDATE_NOT_PROCESSED | The update was not processed. | 更新プログラムは処理されませんでした。
0x80240036 WU_E_INVALID_OPERATION | The object's current state did not allow the operation. | オブジェクトの現在の状態ではその操作はできません。
0x80240037 WU_E_NOT_SUPPORTED | The functionality for the operation is not supported. | その操作の機能はサポートされていません。
0x80240038 WU_E_WINHTTP_INVALID_FILE | The downloaded file has an unexpected content type. | ダウンロードしたファイルのコンテンツの種類が想定外です。
0x80240039 WU_E_TOO_MANY_RESYNC | Agent is asked by server to resync too many times. | サーバーから再同期を求められた回数が多すぎます。
0x80240040 WU_E_NO_SERVER_CORE_SUPPORT | WUA API method does not run on Server Core installation. | その WUA API は Server Core では動作しません。
0x80240041 WU_E_SYSPREP_IN_PROGRESS | Service is not available while sysprep is running. | sysprep の実行中はサービスを利用できません。
0x80240042 WU_E_UNKNOWN_SERVICE | The update service is no longer registered with AU. | 更新サービスが自動更新 (AU) に登録されていません。
0x80240043 WU_E_NO_UI_SUPPORT | There is no support for WUA UI. | WUA の UI はサポートされていません。
0x80240044 WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED | Only administrators can perform this operation on per-machine updates. | コンピューター単位の更新プログラムに対するこの操作は管理者だけが実行できます。
0x80240045 WU_E_UNSUPPORTED_SEARCHSCOPE | A search was attempted with a scope that is not currently supported for this type of search. | この種類の検索でサポートされていない範囲で検索しようとしました。
0x80240046 WU_E_BAD_FILE_URL | The URL does not point to a file. | URL がファイルを指していません。
0x80240047 WU_E_REVERT_NOT_ALLOWED | The update could not be reverted. | 更新プログラムを元に戻せませんでした。
0x80240048 WU_E_INVALID_NOTIFICATION_INFO | The featured update notification info returned by the server is invalid. | サーバーが返した注目の更新プログラムの通知情報が無効です。
0x80240049 WU_E_OUTOFRANGE | The data is out of range. | データが範囲外です。
0x8024004A WU_E_SETUP_IN_PROGRESS | Windows Update agent operations are not available while OS setup is running. | OS のセットアップ中は Windows Update エージェントの操作を利用できません。
0x8024004B WU_E_ORPHANED_DOWNLOAD_JOB | An orphaned downloadjob was found with no active callers. | 呼び出し元のない孤立したダウンロード ジョブがありました。
0x8024004C WU_E_LOW_BATTERY | An update could not be installed because the system battery power level is too low. | バッテリー残量が少ないためインストールできませんでした。
0x8024004D WU_E_INFRASTRUCTUREFILE_INVALID_FORMAT | The downloaded infrastructure file is incorrectly formatted. | ダウンロードしたインフラストラクチャ ファイルの形式が正しくありません。
0x8024004E WU_E_INFRASTRUCTUREFILE_REQUIRES_SSL | The infrastructure file must be downloaded using strong SSL. | インフラストラクチャ ファイルは強固な SSL でダウンロードする必要があります。
0x8024004F WU_E_IDLESHUTDOWN_OPCOUNT_DISCOVERY | A discovery call contributed to a non-zero operation count at idle timer shutdown. | アイドル停止時に検出呼び出しが残っていました。
0x80240050 WU_E_IDLESHUTDOWN_OPCOUNT_SEARCH | A search call contributed to a non-zero operation count at idle timer shutdown. | アイドル停止時に検索呼び出しが残っていました。
0x80240051 WU_E_IDLESHUTDOWN_OPCOUNT_DOWNLOAD | A download call contributed to a non-zero operation count at idle timer shutdown. | アイドル停止時にダウンロード呼び出しが残っていました。
0x80240052 WU_E_IDLESHUTDOWN_OPCOUNT_INSTALL | An install call contributed to a non-zero operation count at idle timer shutdown. | アイドル停止時にインストール呼び出しが残っていました。
0x80240053 WU_E_IDLESHUTDOWN_OPCOUNT_OTHER | An unspecified call contributed to a non-zero operation count at idle timer shutdown. | アイドル停止時に不明な呼び出しが残っていました。
0x80240054 WU_E_INTERACTIVE_CALL_CANCELLED | An interactive user cancelled this operation, which was started from the Windows Update Agent UI. | Windows Update の UI から始めた操作をユーザーが取り消しました。
0x80240055 WU_E_AU_CALL_CANCELLED | Automatic Updates cancelled this operation because it applies to an update that is no longer applicable to this computer. | 適用対象でなくなった更新プログラムのため、自動更新が操作を取り消しました。
0x80240056 WU_E_SYSTEM_UNSUPPORTED | This version or edition of the operating system doesn't support the needed functionality. | この OS のバージョンまたはエディションは必要な機能をサポートしていません。
0x80240057 WU_E_NO_SUCH_HANDLER_PLUGIN | The requested update download or install handler, or update applicability expression evaluator, is not provided by this Agent plugin. | 要求されたハンドラーまたは適用性評価機能はこのエージェント プラグインにありません。
0x80240058 WU_E_INVALID_SERIALIZATION_VERSION | The requested serialization version is not supported. | 要求されたシリアル化のバージョンはサポートされていません。
0x80240059 WU_E_NETWORK_COST_EXCEEDS_POLICY | The current network cost does not meet the conditions set by the network cost policy. | 現在のネットワーク コストがポリシーの条件を満たしていません。
0x8024005A WU_E_CALL_CANCELLED_BY_HIDE | The call is cancelled because it applies to an update that is hidden (no longer applicable to this computer). | 非表示の (適用対象でなくなった) 更新プログラムのため呼び出しを取り消しました。
0x8024005B WU_E_CALL_CANCELLED_BY_INVALID | The call is cancelled because it applies to an update that is invalid (no longer applicable to this computer). | 無効な (適用対象でなくなった) 更新プログラムのため呼び出しを取り消しました。
0x8024005C WU_E_INVALID_VOLUMEID | The specified volume id is invalid. | 指定したボリューム ID が無効です。
0x8024005D WU_E_UNRECOGNIZED_VOLUMEID | The specified volume id is unrecognized by the system. | 指定したボリューム ID をシステムが認識できません。
0x8024005E WU_E_EXTENDEDERROR_NOTSET | The installation extended error code is not specified. | インストールの拡張エラー コードが指定されていません。
0x8024005F WU_E_EXTENDEDERROR_FAILED | The installation extended error code is set to general fail. | インストールの拡張エラー コードが一般的な失敗です。
0x80240060 WU_E_IDLESHUTDOWN_OPCOUNT_SERVICEREGISTRATION | A service registration call contributed to a non-zero operation count at idle timer shutdown. | アイドル停止時にサービス登録の呼び出しが残っていました。
0x80240061 WU_E_FILETRUST_SHA2SIGNATURE_MISSING | Signature validation of the file fails to find valid SHA2+ signature on MS signed payload. | Microsoft 署名のファイルに有効な SHA2 以上の署名が見つかりません。
0x80240062 WU_E_UPDATE_NOT_APPROVED | The update is not in the servicing approval list. | 更新プログラムがサービス承認リストにありません。
0x80240063 WU_E_CALL_CANCELLED_BY_INTERACTIVE_SEARCH | The search call was cancelled by another interactive search against the same service. | 同じサービスへの別の対話的検索により検索が取り消されました。
0x80240064 WU_E_INSTALL_JOB_RESUME_NOT_ALLOWED | Resume of install job not allowed due to another installation in progress. | 別のインストール中のため、インストール ジョブを再開できません。
0x80240065 WU_E_INSTALL_JOB_NOT_SUSPENDED | Resume of install job not allowed because job is not suspended. | ジョブが中断されていないため再開できません。
0x80240066 WU_E_INSTALL_USERCONTEXT_ACCESSDENIED | User context passed to installation from caller with insufficient privileges. | 権限の不足した呼び出し元からユーザー コンテキストが渡されました。
0x80240067 WU_E_STANDBY_ACTIVITY_NOT_ALLOWED | Operation is not allowed because the device is in DC (Direct Current) and DS (Disconnected Standby). | バッテリー駆動かつ切断スタンバイ中のため操作できません。
0x80240068 WU_E_COULD_NOT_EVALUATE_PROPERTY | The property could not be evaluated. | プロパティを評価できませんでした。
0x80240069 WU_E_SERVICE_UNEXPECTED_EXIT | Operation did not complete because the service process exited unexpectedly with a non-successful exit code. | サービスのプロセスが異常終了したため完了しませんでした。
0x8024006A WU_E_ACCESS_DENIED_CALLER_IDENTITY | Access was denied because the caller identity does not fit the requirements for this call. | 呼び出し元の ID が要件を満たさないためアクセスが拒否されました。
0x8024006B WU_E_SERVICE_REENABLE_ACCESS_DENIED | Operation did not complete because the service is disabled and re-enabling it has failed as the access was denied. | サービスが無効で、再有効化もアクセス拒否で失敗したため完了しませんでした。
0x80240FFF WU_E_UNEXPECTED | An operation failed due to reasons not covered by another error code. | 他のエラー コードに当てはまらない理由で操作が失敗しました。
0x80241001 WU_E_MSI_WRONG_VERSION | Search may have missed some updates because the Windows Installer is less than version 3.1. | Windows Installer が 3.1 未満のため、検索で一部の更新プログラムを見落とした可能性があります。
0x80241002 WU_E_MSI_NOT_CONFIGURED | Search may have missed some updates because the Windows Installer is not configured. | Windows Installer が構成されていないため、検索で一部の更新プログラムを見落とした可能性があります。
0x80241003 WU_E_MSP_DISABLED | Search may have missed some updates because policy has disabled Windows Installer patching. | ポリシーで Windows Installer の修正プログラム (MSP) の適用が無効のため、一部の更新プログラムを見落とした可能性があります。
0x80241004 WU_E_MSI_WRONG_APP_CONTEXT | An update could not be applied because the application is installed per-user. | アプリケーションがユーザー単位でインストールされているため適用できませんでした。
0x80241005 WU_E_MSI_NOT_PRESENT | Search may have missed some updates because the Windows Installer is less than version 3.1. | Windows Installer が 3.1 未満のため、検索で一部の更新プログラムを見落とした可能性があります。
0x80241FFF WU_E_MSP_UNEXPECTED | Search may have missed some updates because there was a failure of the Windows Installer. | Windows Installer の障害のため、検索で一部の更新プログラムを見落とした可能性があります。
`;
