/*
 * Windows Update result codes, part 2 of 3: Protocol Talker (the client's SOAP/HTTP conversation with its update
 * server: 0x80244xxx and 0x802404xx), redirector (0x80245xxx) and server-initiated healing (0x802451xx).
 *
 * Source [H]: microsoft/win32metadata generation/WinSDK/RecompiledIdlHeaders/um/wuerror.h
 * (commit 1e548b0abd16444e620215b801447c70253f5aae). Names and English texts verbatim from the header (its own
 * slips such as "HTTP status 503" for 0x80244023 included); Japanese texts are ours.
 * One entry a line: `CODE NAME | English MessageText | 日本語`.
 */
export const WUERROR_PT = `
0x80244000 WU_E_PT_SOAPCLIENT_BASE | WU_E_PT_SOAPCLIENT_* error codes map to the SOAPCLIENT_ERROR enum of the ATL Server Library. | SOAP クライアント エラーの基準値 (ATL Server の SOAPCLIENT_ERROR に対応)。
0x80244001 WU_E_PT_SOAPCLIENT_INITIALIZE | Same as SOAPCLIENT_INITIALIZE_ERROR - initialization of the SOAP client failed, possibly because of an MSXML installation failure. | SOAP クライアントの初期化に失敗しました (MSXML のインストール不良の可能性)。
0x80244002 WU_E_PT_SOAPCLIENT_OUTOFMEMORY | Same as SOAPCLIENT_OUTOFMEMORY - SOAP client failed because it ran out of memory. | SOAP クライアントがメモリ不足で失敗しました。
0x80244003 WU_E_PT_SOAPCLIENT_GENERATE | Same as SOAPCLIENT_GENERATE_ERROR - SOAP client failed to generate the request. | SOAP クライアントが要求を生成できませんでした。
0x80244004 WU_E_PT_SOAPCLIENT_CONNECT | Same as SOAPCLIENT_CONNECT_ERROR - SOAP client failed to connect to the server. | SOAP クライアントがサーバーに接続できませんでした。
0x80244005 WU_E_PT_SOAPCLIENT_SEND | Same as SOAPCLIENT_SEND_ERROR - SOAP client failed to send a message for reasons of WU_E_WINHTTP_* error codes. | SOAP クライアントがメッセージを送信できませんでした (WinHTTP のエラー)。
0x80244006 WU_E_PT_SOAPCLIENT_SERVER | Same as SOAPCLIENT_SERVER_ERROR - SOAP client failed because there was a server error. | サーバー エラーのため SOAP クライアントが失敗しました。
0x80244007 WU_E_PT_SOAPCLIENT_SOAPFAULT | Same as SOAPCLIENT_SOAPFAULT - SOAP client failed because there was a SOAP fault for reasons of WU_E_PT_SOAP_* error codes. | サーバーが SOAP Fault を返したため失敗しました (詳細は WU_E_PT_SOAP_* のコード)。
0x80244008 WU_E_PT_SOAPCLIENT_PARSEFAULT | Same as SOAPCLIENT_PARSEFAULT_ERROR - SOAP client failed to parse a SOAP fault. | SOAP クライアントが SOAP Fault を解析できませんでした。
0x80244009 WU_E_PT_SOAPCLIENT_READ | Same as SOAPCLIENT_READ_ERROR - SOAP client failed while reading the response from the server. | サーバーの応答の読み取り中に SOAP クライアントが失敗しました。
0x8024400A WU_E_PT_SOAPCLIENT_PARSE | Same as SOAPCLIENT_PARSE_ERROR - SOAP client failed to parse the response from the server. | SOAP クライアントがサーバーの応答を解析できませんでした。
0x8024400B WU_E_PT_SOAP_VERSION | Same as SOAP_E_VERSION_MISMATCH - SOAP client found an unrecognizable namespace for the SOAP envelope. | SOAP エンベロープの名前空間を認識できませんでした。
0x8024400C WU_E_PT_SOAP_MUST_UNDERSTAND | Same as SOAP_E_MUST_UNDERSTAND - SOAP client was unable to understand a header. | SOAP クライアントがヘッダーを理解できませんでした。
0x8024400D WU_E_PT_SOAP_CLIENT | Same as SOAP_E_CLIENT - SOAP client found the message was malformed; fix before resending. | メッセージの形式が不正です (再送の前に修正が必要)。
0x8024400E WU_E_PT_SOAP_SERVER | Same as SOAP_E_SERVER - The SOAP message could not be processed due to a server error; resend later. | サーバー エラーで SOAP メッセージを処理できませんでした (後で再送)。
0x8024400F WU_E_PT_WMI_ERROR | There was an unspecified Windows Management Instrumentation (WMI) error. | 不明な WMI エラーが発生しました。
0x80244010 WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS | The number of round trips to the server exceeded the maximum limit. | サーバーとの往復回数が上限を超えました。
0x80244011 WU_E_PT_SUS_SERVER_NOT_SET | WUServer policy value is missing in the registry. | レジストリに WUServer ポリシー値がありません。
0x80244012 WU_E_PT_DOUBLE_INITIALIZATION | Initialization failed because the object was already initialized. | オブジェクトが初期化済みのため初期化に失敗しました。
0x80244013 WU_E_PT_INVALID_COMPUTER_NAME | The computer name could not be determined. | コンピューター名を特定できませんでした。
0x80244015 WU_E_PT_REFRESH_CACHE_REQUIRED | The reply from the server indicates that the server was changed or the cookie was invalid; refresh the state of the internal cache and retry. | サーバーが変わったか Cookie が無効です。内部キャッシュを更新して再試行が必要です。
0x80244016 WU_E_PT_HTTP_STATUS_BAD_REQUEST | Same as HTTP status 400 - the server could not process the request due to invalid syntax. | HTTP 400: 構文が不正なためサーバーが要求を処理できませんでした。
0x80244017 WU_E_PT_HTTP_STATUS_DENIED | Same as HTTP status 401 - the requested resource requires user authentication. | HTTP 401: 要求したリソースには認証が必要です。
0x80244018 WU_E_PT_HTTP_STATUS_FORBIDDEN | Same as HTTP status 403 - server understood the request, but declined to fulfill it. | HTTP 403: サーバーが要求を拒否しました。
0x80244019 WU_E_PT_HTTP_STATUS_NOT_FOUND | Same as HTTP status 404 - the server cannot find the requested URI (Uniform Resource Identifier). | HTTP 404: 要求した URI がサーバーに見つかりません。
0x8024401A WU_E_PT_HTTP_STATUS_BAD_METHOD | Same as HTTP status 405 - the HTTP method is not allowed. | HTTP 405: その HTTP メソッドは許可されていません。
0x8024401B WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ | Same as HTTP status 407 - proxy authentication is required. | HTTP 407: プロキシ認証が必要です。
0x8024401C WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT | Same as HTTP status 408 - the server timed out waiting for the request. | HTTP 408: サーバーが要求の待機中にタイムアウトしました。
0x8024401D WU_E_PT_HTTP_STATUS_CONFLICT | Same as HTTP status 409 - the request was not completed due to a conflict with the current state of the resource. | HTTP 409: リソースの状態と競合したため要求を完了できませんでした。
0x8024401E WU_E_PT_HTTP_STATUS_GONE | Same as HTTP status 410 - requested resource is no longer available at the server. | HTTP 410: 要求したリソースはサーバーにもうありません。
0x8024401F WU_E_PT_HTTP_STATUS_SERVER_ERROR | Same as HTTP status 500 - an error internal to the server prevented fulfilling the request. | HTTP 500: サーバー内部のエラーで要求を処理できませんでした。
0x80244020 WU_E_PT_HTTP_STATUS_NOT_SUPPORTED | Same as HTTP status 500 - server does not support the functionality required to fulfill the request. | HTTP 501 相当: 要求に必要な機能をサーバーがサポートしていません。
0x80244021 WU_E_PT_HTTP_STATUS_BAD_GATEWAY | Same as HTTP status 502 - the server, while acting as a gateway or proxy, received an invalid response from the upstream server it accessed in attempting to fulfill the request. | HTTP 502: ゲートウェイまたはプロキシが上位サーバーから無効な応答を受け取りました。
0x80244022 WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL | Same as HTTP status 503 - the service is temporarily overloaded. | HTTP 503: サービスが一時的に過負荷です (WSUS のアプリケーション プール停止でも出ます)。
0x80244023 WU_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT | Same as HTTP status 503 - the request was timed out waiting for a gateway. | HTTP 504 相当: ゲートウェイの待機中に要求がタイムアウトしました。
0x80244024 WU_E_PT_HTTP_STATUS_VERSION_NOT_SUP | Same as HTTP status 505 - the server does not support the HTTP protocol version used for the request. | HTTP 505: サーバーがその HTTP バージョンをサポートしていません。
0x80244025 WU_E_PT_FILE_LOCATIONS_CHANGED | Operation failed due to a changed file location; refresh internal state and resend. | ファイルの場所が変わったため失敗しました。内部状態を更新して再送が必要です。
0x80244026 WU_E_PT_REGISTRATION_NOT_SUPPORTED | Operation failed because Windows Update Agent does not support registration with a non-WSUS server. | WSUS 以外のサーバーへの登録はサポートされていません。
0x80244027 WU_E_PT_NO_AUTH_PLUGINS_REQUESTED | The server returned an empty authentication information list. | サーバーが空の認証情報一覧を返しました。
0x80244028 WU_E_PT_NO_AUTH_COOKIES_CREATED | Windows Update Agent was unable to create any valid authentication cookies. | 有効な認証 Cookie を作成できませんでした。
0x80244029 WU_E_PT_INVALID_CONFIG_PROP | A configuration property value was wrong. | 構成プロパティの値が正しくありません。
0x8024402A WU_E_PT_CONFIG_PROP_MISSING | A configuration property value was missing. | 構成プロパティの値がありません。
0x8024402B WU_E_PT_HTTP_STATUS_NOT_MAPPED | The HTTP request could not be completed and the reason did not correspond to any of the WU_E_PT_HTTP_* error codes. | HTTP 要求を完了できませんでした (WU_E_PT_HTTP_* のどれにも当たらない理由)。
0x8024402C WU_E_PT_WINHTTP_NAME_NOT_RESOLVED | Same as ERROR_WINHTTP_NAME_NOT_RESOLVED - the proxy server or target server name cannot be resolved. | プロキシ サーバーまたは接続先サーバーの名前を解決できません。
0x8024402D WU_E_PT_LOAD_SHEDDING | The server is shedding load. | サーバーが負荷を制限しています。
0x8024402E WU_E_PT_CLIENT_ENFORCED_LOAD_SHEDDING | Windows Update Agent is enforcing honoring the service load shedding interval. | サービスの負荷制限の間隔をクライアントが守っています。
0x8024502D WU_E_PT_SAME_REDIR_ID | Windows Update Agent failed to download a redirector cabinet file with a new redirectorId value from the server during the recovery. | 回復中に新しい redirectorId のリダイレクター cab をダウンロードできませんでした。
0x8024502E WU_E_PT_NO_MANAGED_RECOVER | A redirector recovery action did not complete because the server is managed. | サーバーが管理下にあるため、リダイレクターの回復を完了しませんでした。
0x8024402F WU_E_PT_ECP_SUCCEEDED_WITH_ERRORS | External cab file processing completed with some errors. | 外部 cab ファイルの処理はエラーを含んで完了しました。
0x80244030 WU_E_PT_ECP_INIT_FAILED | The external cab processor initialization did not complete. | 外部 cab 処理の初期化が完了しませんでした。
0x80244031 WU_E_PT_ECP_INVALID_FILE_FORMAT | The format of a metadata file was invalid. | メタデータ ファイルの形式が無効です。
0x80244032 WU_E_PT_ECP_INVALID_METADATA | External cab processor found invalid metadata. | 外部 cab 処理で無効なメタデータが見つかりました。
0x80244033 WU_E_PT_ECP_FAILURE_TO_EXTRACT_DIGEST | The file digest could not be extracted from an external cab file. | 外部 cab ファイルからファイル ダイジェストを取り出せませんでした。
0x80244034 WU_E_PT_ECP_FAILURE_TO_DECOMPRESS_CAB_FILE | An external cab file could not be decompressed. | 外部 cab ファイルを展開できませんでした。
0x80244035 WU_E_PT_ECP_FILE_LOCATION_ERROR | External cab processor was unable to get file locations. | 外部 cab 処理でファイルの場所を取得できませんでした。
0x80240436 WU_E_PT_CATALOG_SYNC_REQUIRED | The server does not support category-specific search; Full catalog search has to be issued instead. | サーバーがカテゴリ別の検索に対応していないため、カタログ全体の検索が必要です。
0x80240437 WU_E_PT_SECURITY_VERIFICATION_FAILURE | There was a problem authorizing with the service. | サービスでの承認に問題がありました。
0x80240438 WU_E_PT_ENDPOINT_UNREACHABLE | There is no route or network connectivity to the endpoint. | 接続先への経路またはネットワーク接続がありません。
0x80240439 WU_E_PT_INVALID_FORMAT | The data received does not meet the data contract expectations. | 受信したデータがデータ コントラクトの想定と合いません。
0x8024043A WU_E_PT_INVALID_URL | The url is invalid. | URL が無効です。
0x8024043B WU_E_PT_NWS_NOT_LOADED | Unable to load NWS runtime. | NWS ランタイムを読み込めません。
0x8024043C WU_E_PT_PROXY_AUTH_SCHEME_NOT_SUPPORTED | The proxy auth scheme is not supported. | そのプロキシ認証方式はサポートされていません。
0x8024043D WU_E_SERVICEPROP_NOTAVAIL | The requested service property is not available. | 要求したサービス プロパティは利用できません。
0x8024043E WU_E_PT_ENDPOINT_REFRESH_REQUIRED | The endpoint provider plugin requires online refresh. | エンドポイント プロバイダーのプラグインにオンラインで最新の状態にする必要があります。
0x8024043F WU_E_PT_ENDPOINTURL_NOTAVAIL | A URL for the requested service endpoint is not available. | 要求したサービス エンドポイントの URL がありません。
0x80240440 WU_E_PT_ENDPOINT_DISCONNECTED | The connection to the service endpoint died. | サービス エンドポイントとの接続が切れました。
0x80240441 WU_E_PT_INVALID_OPERATION | The operation is invalid because protocol talker is in an inappropriate state. | Protocol Talker の状態が不適切なため操作は無効です。
0x80240442 WU_E_PT_OBJECT_FAULTED | The object is in a faulted state due to a previous error. | 前のエラーによりオブジェクトが障害状態です。
0x80240443 WU_E_PT_NUMERIC_OVERFLOW | The operation would lead to numeric overflow. | 数値のオーバーフローが起こる操作です。
0x80240444 WU_E_PT_OPERATION_ABORTED | The operation was aborted. | 操作が中止されました。
0x80240445 WU_E_PT_OPERATION_ABANDONED | The operation was abandoned. | 操作が放棄されました。
0x80240446 WU_E_PT_QUOTA_EXCEEDED | A quota was exceeded. | クォータを超えました。
0x80240447 WU_E_PT_NO_TRANSLATION_AVAILABLE | The information was not available in the specified language. | 指定した言語の情報がありません。
0x80240448 WU_E_PT_ADDRESS_IN_USE | The address is already being used. | そのアドレスは既に使用中です。
0x80240449 WU_E_PT_ADDRESS_NOT_AVAILABLE | The address is not valid for this context. | そのアドレスはこのコンテキストでは無効です。
0x8024044A WU_E_PT_OTHER | Unrecognized error occurred in the Windows Web Services framework. | Windows Web Services フレームワークで不明なエラーが発生しました。
0x8024044B WU_E_PT_SECURITY_SYSTEM_FAILURE | A security operation failed in the Windows Web Services framework. | Windows Web Services フレームワークでセキュリティ操作が失敗しました。
0x80244100 WU_E_PT_DATA_BOUNDARY_RESTRICTED | The client is data boundary restricted and needs to talk to a restricted endpoint. | データ境界の制限があり、制限付きエンドポイントとの通信が必要です。
0x80244101 WU_E_PT_GENERAL_AAD_CLIENT_ERROR | The client hit an error in retrieving AAD device ticket. | AAD デバイス チケットの取得でエラーが発生しました。
0x80244FFF WU_E_PT_UNEXPECTED | A communication error not covered by another WU_E_PT_* error code. | 他の WU_E_PT_* に当てはまらない通信エラーです。
0x80245001 WU_E_REDIRECTOR_LOAD_XML | The redirector XML document could not be loaded into the DOM class. | リダイレクターの XML 文書を DOM に読み込めませんでした。
0x80245002 WU_E_REDIRECTOR_S_FALSE | The redirector XML document is missing some required information. | リダイレクターの XML 文書に必要な情報が欠けています。
0x80245003 WU_E_REDIRECTOR_ID_SMALLER | The redirectorId in the downloaded redirector cab is less than in the cached cab. | ダウンロードしたリダイレクター cab の redirectorId がキャッシュより小さいです。
0x80245004 WU_E_REDIRECTOR_UNKNOWN_SERVICE | The service ID is not supported in the service environment. | そのサービス ID はサービス環境でサポートされていません。
0x80245005 WU_E_REDIRECTOR_UNSUPPORTED_CONTENTTYPE | The response from the redirector server had an unsupported content type. | リダイレクター サーバーの応答のコンテンツの種類がサポート外です。
0x80245006 WU_E_REDIRECTOR_INVALID_RESPONSE | The response from the redirector server had an error status or was invalid. | リダイレクター サーバーの応答がエラーまたは無効でした。
0x80245008 WU_E_REDIRECTOR_ATTRPROVIDER_EXCEEDED_MAX_NAMEVALUE | The maximum number of name value pairs was exceeded by the attribute provider. | 属性プロバイダーが名前と値の組の上限を超えました。
0x80245009 WU_E_REDIRECTOR_ATTRPROVIDER_INVALID_NAME | The name received from the attribute provider was invalid. | 属性プロバイダーから受け取った名前が無効です。
0x8024500A WU_E_REDIRECTOR_ATTRPROVIDER_INVALID_VALUE | The value received from the attribute provider was invalid. | 属性プロバイダーから受け取った値が無効です。
0x8024500B WU_E_REDIRECTOR_SLS_GENERIC_ERROR | There was an error in connecting to or parsing the response from the Service Locator Service redirector server. | Service Locator Service リダイレクターへの接続または応答の解析でエラーが発生しました。
0x8024500C WU_E_REDIRECTOR_CONNECT_POLICY | Connections to the redirector server are disallowed by managed policy. | 管理ポリシーによりリダイレクター サーバーへの接続が禁止されています。
0x8024500D WU_E_REDIRECTOR_ONLINE_DISALLOWED | The redirector would go online but is disallowed by caller configuration. | リダイレクターのオンライン接続が呼び出し元の構成で禁止されています。
0x802450FF WU_E_REDIRECTOR_UNEXPECTED | The redirector failed for reasons not covered by another WU_E_REDIRECTOR_* error code. | 他の WU_E_REDIRECTOR_* に当てはまらない理由でリダイレクターが失敗しました。
0x80245101 WU_E_SIH_VERIFY_DOWNLOAD_ENGINE | Verification of the servicing engine package failed. | サービス エンジン パッケージの検証に失敗しました。
0x80245102 WU_E_SIH_VERIFY_DOWNLOAD_PAYLOAD | Verification of a servicing package failed. | サービス パッケージの検証に失敗しました。
0x80245103 WU_E_SIH_VERIFY_STAGE_ENGINE | Verification of the staged engine failed. | ステージングしたエンジンの検証に失敗しました。
0x80245104 WU_E_SIH_VERIFY_STAGE_PAYLOAD | Verification of a staged payload failed. | ステージングしたペイロードの検証に失敗しました。
0x80245105 WU_E_SIH_ACTION_NOT_FOUND | An internal error occurred where the servicing action was not found. | サービス アクションが見つからない内部エラーです。
0x80245106 WU_E_SIH_SLS_PARSE | There was a parse error in the service environment response. | サービス環境の応答の解析エラーです。
0x80245107 WU_E_SIH_INVALIDHASH | A downloaded file failed an integrity check. | ダウンロードしたファイルが整合性チェックに失敗しました。
0x80245108 WU_E_SIH_NO_ENGINE | No engine was provided by the server-initiated healing server response. | サーバー主導の修復の応答にエンジンがありませんでした。
0x80245109 WU_E_SIH_POST_REBOOT_INSTALL_FAILED | Post-reboot install failed. | 再起動後のインストールに失敗しました。
0x8024510A WU_E_SIH_POST_REBOOT_NO_CACHED_SLS_RESPONSE | There were pending reboot actions, but cached SLS response was not found post-reboot. | 再起動待ちの処理があったのに、再起動後に SLS 応答のキャッシュがありませんでした。
0x8024510B WU_E_SIH_PARSE | Parsing command line arguments failed. | コマンド ライン引数の解析に失敗しました。
0x8024510C WU_E_SIH_SECURITY | Security check failed. | セキュリティ チェックに失敗しました。
0x8024510D WU_E_SIH_PPL | PPL check failed. | PPL チェックに失敗しました。
0x8024510E WU_E_SIH_POLICY | Execution was disabled by policy. | ポリシーにより実行が無効です。
0x8024510F WU_E_SIH_STDEXCEPTION | A standard exception was caught. | 標準例外を捕捉しました。
0x80245110 WU_E_SIH_NONSTDEXCEPTION | A non-standard exception was caught. | 非標準の例外を捕捉しました。
0x80245111 WU_E_SIH_ENGINE_EXCEPTION | The server-initiated healing engine encountered an exception not covered by another WU_E_SIH_* error code. | サーバー主導の修復エンジンで、他に当てはまらない例外が発生しました。
0x80245112 WU_E_SIH_BLOCKED_FOR_PLATFORM | You are running SIH Client with cmd not supported on your platform. | このプラットフォームでサポートされないコマンドで SIH クライアントを実行しています。
0x80245113 WU_E_SIH_ANOTHER_INSTANCE_RUNNING | Another SIH Client is already running. | 別の SIH クライアントが既に実行中です。
0x80245114 WU_E_SIH_DNSRESILIENCY_OFF | Disable DNS resiliency feature per service configuration. | サービス構成により DNS 回復機能を無効にします。
0x802451FF WU_E_SIH_UNEXPECTED | There was a failure for reasons not covered by another WU_E_SIH_* error code. | 他の WU_E_SIH_* に当てはまらない理由で失敗しました。
`;
