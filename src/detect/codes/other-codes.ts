/*
 * Codes other than WU_E_* that show up in Windows Update logs. Names and English texts copied from the sources
 * named per table (first paragraph only where a source says more; markdown links dropped). Japanese texts: Windows'
 * own Japanese message for the code where Windows has one (what a Japanese admin sees in an event or a dialog, e.g.
 * 「アクセスが拒否されました。」), else ours; docs/ja-style.md is the style.
 * One entry a line: `CODE NAME | English | 日本語`; in the WinHTTP and Win32 tables CODE is the decimal error
 * number, turned into its HRESULT (HRESULT_FROM_WIN32: 0x80070000 | n) by result-codes.ts.
 */

/**
 * [X] MicrosoftDocs/win32 desktop-src/WinHttp/error-messages.md (commit 0f5c32f961152335e1589cf9e3b785324ce751fe):
 * the WinHTTP errors "are also returned in the lower 16 bits of HRESULT error returns", e.g. 12002 → 0x80072EE2.
 */
export const WINHTTP_ERRORS = `
12002 ERROR_WINHTTP_TIMEOUT | The request has timed out. | 要求がタイムアウトしました (WinHTTP)。サーバーまたは経路が応答していません。
12004 ERROR_WINHTTP_INTERNAL_ERROR | An internal error has occurred. | WinHTTP の内部エラーです。
12005 ERROR_WINHTTP_INVALID_URL | The URL is not valid. | URL が無効です (WinHTTP)。
12006 ERROR_WINHTTP_UNRECOGNIZED_SCHEME | The URL specified a scheme other than "http:" or "https:". | URL のスキームが http: / https: ではありません。
12007 ERROR_WINHTTP_NAME_NOT_RESOLVED | The server name cannot be resolved. | サーバー名を解決できません (DNS)。
12009 ERROR_WINHTTP_INVALID_OPTION | A request to WinHttpQueryOption or WinHttpSetOption specified an invalid option value. | WinHTTP のオプション値が無効です。
12011 ERROR_WINHTTP_OPTION_NOT_SETTABLE | The requested option cannot be set, only queried. | そのオプションは設定できません (照会のみ)。
12012 ERROR_WINHTTP_SHUTDOWN | The WinHTTP function support is being shut down or unloaded. | WinHTTP が停止またはアンロード中です。
12015 ERROR_WINHTTP_LOGIN_FAILURE | The login attempt failed. | ログインに失敗しました (WinHTTP)。
12017 ERROR_WINHTTP_OPERATION_CANCELLED | The operation was canceled, usually because the handle on which the request was operating was closed before the operation completed. | 操作が取り消されました (通常は完了前にハンドルが閉じられたため)。
12018 ERROR_WINHTTP_INCORRECT_HANDLE_TYPE | The type of handle supplied is incorrect for this operation. | ハンドルの種類がこの操作に合いません。
12019 ERROR_WINHTTP_INCORRECT_HANDLE_STATE | The requested operation cannot be carried out because the handle supplied is not in the correct state. | ハンドルの状態が正しくないため実行できません。
12029 ERROR_WINHTTP_CANNOT_CONNECT | Returned if connection to the server failed. | サーバーに接続できませんでした (ポート、ファイアウォール、サービス停止を確認)。
12030 ERROR_WINHTTP_CONNECTION_ERROR | The connection with the server has been reset or terminated, or an incompatible SSL protocol was encountered. | サーバーとの接続がリセット・切断されたか、SSL のプロトコルが合いませんでした。
12032 ERROR_WINHTTP_RESEND_REQUEST | The WinHTTP function failed. The desired function can be retried on the same request handle. | WinHTTP の関数が失敗しました (同じハンドルで再試行可能)。
12037 ERROR_WINHTTP_SECURE_CERT_DATE_INVALID | Indicates that a required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file, or that the validity periods of the certification chain do not nest correctly (equivalent to a CERT_E_EXPIRED or a CERT_E_VALIDITYPERIODNESTING error). | サーバー証明書が有効期間外です (時計のずれも確認)。
12038 ERROR_WINHTTP_SECURE_CERT_CN_INVALID | Returned when a certificate CN name does not match the passed value (equivalent to a CERT_E_CN_NO_MATCH error). | サーバー証明書の CN が接続先の名前と一致しません。
12044 ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED | Returned by WinHttpReceiveResponse when the server requests client authentication. | サーバーがクライアント証明書を要求しました (WSUS の SSL 仮想ディレクトリの設定を確認)。
12045 ERROR_WINHTTP_SECURE_INVALID_CA | Indicates that a certificate chain was processed, but terminated in a root certificate that is not trusted by the trust provider (equivalent to CERT_E_UNTRUSTEDROOT). | サーバー証明書のルートが信頼されていません。
12057 ERROR_WINHTTP_SECURE_CERT_REV_FAILED | Indicates that revocation cannot be checked because the revocation server was offline (equivalent to CRYPT_E_REVOCATION_OFFLINE). | 失効確認サーバーに届かず、証明書の失効を確認できません。
12150 ERROR_WINHTTP_HEADER_NOT_FOUND | The requested header cannot be located. | 要求したヘッダーが見つかりません。
12152 ERROR_WINHTTP_INVALID_SERVER_RESPONSE | The server response cannot be parsed. | サーバーの応答を解析できません。
12156 ERROR_WINHTTP_REDIRECT_FAILED | The redirection failed because either the scheme changed or all attempts made to redirect failed (default is five attempts). | リダイレクトに失敗しました。
12157 ERROR_WINHTTP_SECURE_CHANNEL_ERROR | Indicates that an error occurred having to do with a secure channel (equivalent to error codes that begin with "SEC_E_" and "SEC_I_" listed in the "winerror.h" header file). | セキュア チャネル (TLS) のエラーです。
12166 ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT | An error occurred executing the script code in the Proxy Auto-Configuration (PAC) file. | プロキシ自動構成 (PAC) ファイルのスクリプトでエラーが発生しました。
12167 ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT | The PAC file cannot be downloaded. For example, the server referenced by the PAC URL may not have been reachable, or the server returned a 404 NOT FOUND response. | PAC ファイルをダウンロードできません。
12169 ERROR_WINHTTP_SECURE_INVALID_CERT | Indicates that a certificate is invalid (equivalent to errors such as CERT_E_ROLE, CERT_E_PATHLENCONST, CERT_E_CRITICAL, CERT_E_PURPOSE, CERT_E_ISSUERCHAINING, CERT_E_MALFORMED and CERT_E_CHAINING). | サーバー証明書が無効です。
12170 ERROR_WINHTTP_SECURE_CERT_REVOKED | Indicates that a certificate has been revoked (equivalent to CRYPT_E_REVOKED). | サーバー証明書が失効しています。
12175 ERROR_WINHTTP_SECURE_FAILURE | One or more errors were found in the Secure Sockets Layer (SSL) certificate sent by the server. | サーバーの SSL 証明書に問題があります。
12176 ERROR_WINHTTP_UNHANDLED_SCRIPT_TYPE | The script type is not supported. | そのスクリプトの種類はサポートされていません。
12177 ERROR_WINHTTP_SCRIPT_EXECUTION_ERROR | An error was encountered while executing a script. | スクリプトの実行中にエラーが発生しました。
12178 ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR | Returned by WinHttpGetProxyForUrl when a proxy for the specified URL cannot be located. | その URL のプロキシが見つかりません。
12179 ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE | Indicates that a certificate is not valid for the requested usage (equivalent to CERT_E_WRONG_USAGE). | 証明書がその用途には有効ではありません。
12180 ERROR_WINHTTP_AUTODETECTION_FAILED | Returned by WinHttpDetectAutoProxyConfigUrl if WinHTTP was unable to discover the URL of the Proxy Auto-Configuration (PAC) file. | PAC ファイルの URL を自動検出できませんでした。
12181 ERROR_WINHTTP_HEADER_COUNT_EXCEEDED | Returned by WinHttpReceiveResponse when a larger number of headers were present in a response than WinHTTP could receive. | 応答のヘッダー数が多すぎます。
12182 ERROR_WINHTTP_HEADER_SIZE_OVERFLOW | Returned by WinHttpReceiveResponse when the size of headers received exceeds the limit for the request handle. | 応答ヘッダーのサイズが上限を超えました。
12183 ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW | Returned by WinHttpReceiveResponse when an overflow condition is encountered in the course of parsing chunked encoding. | チャンク エンコードの解析中にオーバーフローしました。
12184 ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW | Returned when an incoming response exceeds an internal WinHTTP size limit. | 応答が WinHTTP の内部サイズ上限を超えました。
`;

/**
 * Win32 errors seen as HRESULT_FROM_WIN32 in Windows Update logs. Texts from the SDK's winerror.h `MessageText`
 * (as carried by copies of winerror.h in the search index; the same header is microsoft/win32metadata
 * generation/WinSDK/RecompiledIdlHeaders/shared/winerror.h, commit c41ef7458f008ba4ccea85ee33163be71b9112bb).
 */
export const WIN32_ERRORS = `
2 ERROR_FILE_NOT_FOUND | The system cannot find the file specified. | 指定されたファイルが見つかりません。
3 ERROR_PATH_NOT_FOUND | The system cannot find the path specified. | 指定されたパスが見つかりません。
13 ERROR_INVALID_DATA | The data is invalid. | データが無効です。
32 ERROR_SHARING_VIOLATION | The process cannot access the file because it is being used by another process. | プロセスはファイルにアクセスできません。別のプロセスが使用中です。
1058 ERROR_SERVICE_DISABLED | The service cannot be started, either because it is disabled or because it has no enabled devices associated with it. | サービスを開始できません。サービスが無効になっているか、関連付けられた有効なデバイスがありません (Windows Update や BITS のサービスの [スタートアップの種類] を確認)。
1231 ERROR_NETWORK_UNREACHABLE | The network location cannot be reached. For information about network troubleshooting, see Windows Help. | ネットワーク上の場所に到達できません (経路、ファイアウォール、VPN を確認)。
1460 ERROR_TIMEOUT | This operation returned because the timeout period expired. | タイムアウト期間が経過したため、この操作は終了しました。
1603 ERROR_INSTALL_FAILURE | Fatal error during installation. | インストール中に致命的なエラーが発生しました (Windows Installer)。
3017 ERROR_FAIL_REBOOT_REQUIRED | The requested operation failed. A system reboot is required to roll back changes made. | 要求された操作は失敗しました。行われた変更をロールバックするには、システムの再起動が必要です。
14003 ERROR_SXS_ASSEMBLY_NOT_FOUND | The referenced assembly is not installed on your system. | 参照されているアセンブリ (サイドバイサイド) がシステムにインストールされていません。コンポーネント ストアの破損が疑われます。
`;

/** COM and trust/certificate HRESULTs, from the SDK's winerror.h `MessageText` (copies in the search index, as above). */
export const COM_AND_CERT_ERRORS = `
0x8000FFFF E_UNEXPECTED | Catastrophic failure | 想定外の重大なエラーです。
0x80004001 E_NOTIMPL | Not implemented | 実装されていません。
0x80004002 E_NOINTERFACE | No such interface supported | そのインターフェイスはサポートされていません。
0x80004003 E_POINTER | Invalid pointer | 無効なポインターです。
0x80004004 E_ABORT | Operation aborted | 操作が中止されました。
0x80004005 E_FAIL | Unspecified error | エラーを特定できません。
0x80070005 E_ACCESSDENIED | General access denied error | アクセスが拒否されました。
0x8007000E E_OUTOFMEMORY | Ran out of memory | この操作を完了するのに十分な記憶域がありません (メモリ不足)。
0x80070006 E_HANDLE | Invalid handle | 無効なハンドルです。
0x80070057 E_INVALIDARG | One or more arguments are invalid | パラメーターが間違っています (1 つ以上の引数が無効です)。
0x80096010 TRUST_E_BAD_DIGEST | The objects digest did not verify. | オブジェクトのダイジェストを検証できませんでした (ファイルの改ざん・破損)。
0x800B0001 TRUST_E_PROVIDER_UNKNOWN | The specified trust provider is not known on this system. | 指定した信頼プロバイダーがこのシステムにありません。
0x800B0004 TRUST_E_SUBJECT_NOT_TRUSTED | The subject is not trusted for the specified action. | その対象は指定の操作について信頼されていません。
0x800B0100 TRUST_E_NOSIGNATURE | No signature was present in the subject. | 署名がありません。
0x800B0101 CERT_E_EXPIRED | A required certificate is not within its validity period. | 必要な証明書が有効期間外です。
0x800B0102 CERT_E_VALIDITYPERIODNESTING | The validity periods of the certification chain do not nest correctly. | 証明書チェーンの有効期間が正しく入れ子になっていません。
0x800B0103 CERT_E_ROLE | A certificate that can only be used as an end-entity is being used as a CA or visa versa. | エンド エンティティ用の証明書が CA として (またはその逆に) 使われています。
0x800B0104 CERT_E_PATHLENCONST | A path length constraint in the certification chain has been violated. | 証明書チェーンのパス長制約に違反しています。
0x800B0105 CERT_E_CRITICAL | An extension of unknown type that is labeled 'critical' is present in a certificate. | 証明書に不明な「重要」拡張があります。
0x800B0106 CERT_E_PURPOSE | A certificate is being used for a purpose other than that for which it is permitted. | 証明書が許可された用途以外に使われています。
0x800B0107 CERT_E_ISSUERCHAINING | A parent of a given certificate in fact did not issue that child certificate. | 親の証明書がその子証明書を発行していません。
0x800B0108 CERT_E_MALFORMED | A certificate is missing or has an empty value for an important field, such as a subject or issuer name. | 証明書の重要なフィールド (サブジェクト名など) がないか空です。
0x800B0109 CERT_E_UNTRUSTEDROOT | A certification chain processed correctly, but terminated in a root certificate which isn't trusted by the trust provider. | 証明書チェーンのルート証明書が信頼されていません。
0x800B010A CERT_E_CHAINING | A chain of certs didn't chain as they should in a certain application of chaining. | 証明書チェーンを構築できませんでした。
0x800B010B TRUST_E_FAIL | Generic Trust Failure. | 一般的な信頼の失敗です。
0x800B010C CERT_E_REVOKED | A certificate was explicitly revoked by its issuer. | 証明書が発行者により失効されています。
0x800B010D CERT_E_UNTRUSTEDTESTROOT | The root certificate is a testing certificate and the policy settings disallow test certificates. | ルートがテスト証明書で、ポリシーで許可されていません。
0x800B010E CERT_E_REVOCATION_FAILURE | The revocation process could not continue - the certificate(s) could not be checked. | 失効確認を続行できず、証明書を確認できませんでした。
0x800B010F CERT_E_CN_NO_MATCH | The certificate's CN name does not match the passed value. | 証明書の CN が指定の値と一致しません。
0x800B0110 CERT_E_WRONG_USAGE | The certificate is not valid for the requested usage. | 証明書がその用途には有効ではありません。
`;

/**
 * Windows Web Services (WS_E_*, facility 0x3D): English texts from the return-value table of Microsoft's MBAM
 * documentation (search index, the table's English strings); the full list is MicrosoftDocs/win32
 * desktop-src/wsw "Windows Web Services Return Values", not read here.
 */
export const WS_ERRORS = `
0x803D000F WS_E_ENDPOINT_FAILURE | The remote endpoint could not process the request. | 接続先のエンドポイントが要求を処理できませんでした。
0x803D0010 WS_E_ENDPOINT_UNREACHABLE | The remote endpoint was not reachable. | 接続先のエンドポイントに到達できません。
0x803D0013 WS_E_ENDPOINT_FAULT_RECEIVED | A message containing a fault was received from the remote endpoint. Make sure you are connecting to the correct service endpoint. | 接続先からエラー (Fault) を含むメッセージを受信しました。正しいサービスに接続しているか確認してください。
`;

/** BITS (BG_E_*): MicrosoftDocs/win32 desktop-src/Bits/bits-return-values.md (commit 017eca30720c0164e0f158803ce65dfd462022b7). */
export const BITS_ERRORS = `
0x80200001 BG_E_NOT_FOUND | The requested job was not found. | 要求した BITS ジョブが見つかりません。
0x80200002 BG_E_INVALID_STATE | The requested action is not allowed in the current job state. | ジョブの現在の状態ではその操作はできません (BITS)。
0x80200003 BG_E_EMPTY | The job must contain one or more files before you can resume the job. | ジョブを再開するにはファイルが 1 つ以上必要です (BITS)。
0x80200004 BG_E_FILE_NOT_AVAILABLE | File information is not available because the error is not associated with a local or remote file. | エラーがファイルに関連しないため、ファイル情報はありません (BITS)。
0x80200005 BG_E_PROTOCOL_NOT_AVAILABLE | Protocol information is not available because the error is not associated with the specified transfer protocol. | エラーが転送プロトコルに関連しないため、プロトコル情報はありません (BITS)。
0x8020000D BG_E_DESTINATION_LOCKED | The destination file system volume, specified in the local file name, is locked. | 保存先のボリュームがロックされています (BITS)。
0x8020000E BG_E_VOLUME_CHANGED | The destination volume, specified in the local file name, has changed. For example, the original floppy disk has been replaced with a different floppy disk. | 保存先のボリュームが変わりました (BITS)。
0x8020000F BG_E_ERROR_INFORMATION_UNAVAILABLE | Error information is only available when the state of the job is BG_JOB_STATE_ERROR. The error information is not available after BITS begins transferring the job's data or the client exits. | エラー情報はジョブがエラー状態のときだけ取得できます (BITS)。
0x80200010 BG_E_NETWORK_DISCONNECTED | The network adapter is inactive or disconnected. All jobs are placed in the BG_JOB_STATE_TRANSIENT_ERROR state. | ネットワーク アダプターが無効か切断されています (BITS)。
0x80200011 BG_E_MISSING_FILE_SIZE | The server did not return the file size. BITS only transfers static content and requires the HTTP server to return the Content-Length header. The transfer request fails if the URL points to dynamic content. | サーバーがファイル サイズ (Content-Length) を返しませんでした (BITS)。
0x80200012 BG_E_INSUFFICIENT_HTTP_SUPPORT | The server does not support the HTTP/1.1 protocol. | サーバーが HTTP/1.1 に対応していません (BITS)。
0x80200013 BG_E_INSUFFICIENT_RANGE_SUPPORT | The server does not support the Content-Range header. Typically, you receive this error when you try to download dynamic content. You can also receive this error if an intermediate proxy is removing the Content-Range or Content-Length header. | サーバーが Content-Range に対応していないか、途中のプロキシがヘッダーを削除しています (BITS)。
0x80200014 BG_E_REMOTE_NOT_SUPPORTED | Remote use of BITS is not supported. | BITS のリモート利用はサポートされていません。
0x80200015 BG_E_NEW_OWNER_DIFF_MAPPING | The network drive mapping for the local file is different for the current owner than for the previous owner. | ネットワーク ドライブの割り当てが以前の所有者と異なります (BITS)。
0x80200016 BG_E_NEW_OWNER_NO_FILE_ACCESS | The new owner has insufficient permissions to the temporary job files. | 新しい所有者に一時ファイルへの権限がありません (BITS)。
0x80200018 BG_E_PROXY_LIST_TOO_LARGE | The HTTP proxy list is too long. The list must not exceed 32 KB. | HTTP プロキシ リストが長すぎます (32 KB まで、BITS)。
0x80200019 BG_E_PROXY_BYPASS_LIST_TOO_LARGE | The HTTP proxy bypass list is too long. The list must not exceed 32 KB. | プロキシのバイパス リストが長すぎます (32 KB まで、BITS)。
0x8020003E BG_E_BLOCKED_BY_POLICY | Group Policy settings prevent background jobs from running at this time. | グループ ポリシーにより現在はバックグラウンド ジョブを実行できません (BITS)。
0x8020003F BG_E_INVALID_PROXY_INFO | Run-time error that indicates the proxy list or proxy bypass list that you specified using the IBackgroundCopyJob::SetProxySettings method is invalid. | 指定したプロキシ リストまたはバイパス リストが無効です (BITS)。
0x80200040 BG_E_INVALID_CREDENTIALS | The format of the supplied security credentials is not valid. | 資格情報の形式が無効です (BITS)。
0x80200053 BG_E_VALIDATION_FAILED | The application requested data from a website, but the response was not valid. | Web サイトからの応答が有効ではありませんでした (BITS)。
`;
