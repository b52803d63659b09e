/*
 * Windows Update result codes, part 3 of 3: drivers, data store, inventory, Automatic Updates, update handlers,
 * download manager, setup/self-update, expression evaluator, UI, reporter, offline scan, metadata integrity, tasks,
 * hardware capability, SLS and trust.
 *
 * Source [H]: microsoft/win32metadata generation/WinSDK/RecompiledIdlHeaders/um/wuerror.h
 * (commit 1e548b0abd16444e620215b801447c70253f5aae). Names and English texts verbatim from the header (its own
 * typos and missing full stops included); Japanese texts are ours.
 * One entry a line: `CODE NAME | English MessageText | 日本語`.
 */
export const WUERROR_COMPONENTS = `
0x8024C001 WU_E_DRV_PRUNED | A driver was skipped. | ドライバーをスキップしました。
0x8024C002 WU_E_DRV_NOPROP_OR_LEGACY | A property for the driver could not be found. It may not conform with required specifications. | ドライバーのプロパティが見つかりません。必要な仕様に準拠していない可能性があります。
0x8024C003 WU_E_DRV_REG_MISMATCH | The registry type read for the driver does not match the expected type. | ドライバーのレジストリの型が想定と一致しません。
0x8024C004 WU_E_DRV_NO_METADATA | The driver update is missing metadata. | ドライバーの更新プログラムにメタデータがありません。
0x8024C005 WU_E_DRV_MISSING_ATTRIBUTE | The driver update is missing a required attribute. | ドライバーの更新プログラムに必要な属性がありません。
0x8024C006 WU_E_DRV_SYNC_FAILED | Driver synchronization failed. | ドライバーの同期に失敗しました。
0x8024C007 WU_E_DRV_NO_PRINTER_CONTENT | Information required for the synchronization of applicable printers is missing. | 対象プリンターの同期に必要な情報がありません。
0x8024C008 WU_E_DRV_DEVICE_PROBLEM | After installing a driver update, the updated device has reported a problem. | ドライバーの更新プログラムのインストール後、デバイスが問題を報告しました。
0x8024CFFF WU_E_DRV_UNEXPECTED | A driver error not covered by another WU_E_DRV_* code. | 他の WU_E_DRV_* に当てはまらないドライバーのエラーです。
0x80248000 WU_E_DS_SHUTDOWN | An operation failed because Windows Update Agent is shutting down. | Windows Update エージェントの停止中のため失敗しました。
0x80248001 WU_E_DS_INUSE | An operation failed because the data store was in use. | データ ストアが使用中のため失敗しました。
0x80248002 WU_E_DS_INVALID | The current and expected states of the data store do not match. | データ ストアの状態が想定と一致しません。
0x80248003 WU_E_DS_TABLEMISSING | The data store is missing a table. | データ ストアにテーブルがありません。
0x80248004 WU_E_DS_TABLEINCORRECT | The data store contains a table with unexpected columns. | データ ストアのテーブルの列が想定外です。
0x80248005 WU_E_DS_INVALIDTABLENAME | A table could not be opened because the table is not in the data store. | データ ストアにないためテーブルを開けませんでした。
0x80248006 WU_E_DS_BADVERSION | The current and expected versions of the data store do not match. | データ ストアのバージョンが想定と一致しません。
0x80248007 WU_E_DS_NODATA | The information requested is not in the data store. | 要求した情報がデータ ストアにありません。
0x80248008 WU_E_DS_MISSINGDATA | The data store is missing required information or has a NULL in a table column that requires a non-null value. | データ ストアに必要な情報がないか、必須の列が NULL です。
0x80248009 WU_E_DS_MISSINGREF | The data store is missing required information or has a reference to missing license terms, file, localized property or linked row. | データ ストアの情報が欠けているか、存在しない項目を参照しています。
0x8024800A WU_E_DS_UNKNOWNHANDLER | The update was not processed because its update handler could not be recognized. | 更新ハンドラーを認識できないため処理しませんでした。
0x8024800B WU_E_DS_CANTDELETE | The update was not deleted because it is still referenced by one or more services. | サービスから参照されているため更新プログラムを削除しませんでした。
0x8024800C WU_E_DS_LOCKTIMEOUTEXPIRED | The data store section could not be locked within the allotted time. | 時間内にデータ ストアをロックできませんでした。
0x8024800D WU_E_DS_NOCATEGORIES | The category was not added because it contains no parent categories and is not a top-level category itself. | 親カテゴリがなく最上位でもないためカテゴリを追加しませんでした。
0x8024800E WU_E_DS_ROWEXISTS | The row was not added because an existing row has the same primary key. | 同じ主キーの行があるため追加しませんでした。
0x8024800F WU_E_DS_STOREFILELOCKED | The data store could not be initialized because it was locked by another process. | 別のプロセスがロックしているためデータ ストアを初期化できませんでした。
0x80248010 WU_E_DS_CANNOTREGISTER | The data store is not allowed to be registered with COM in the current process. | このプロセスではデータ ストアを COM に登録できません。
0x80248011 WU_E_DS_UNABLETOSTART | Could not create a data store object in another process. | 別のプロセスにデータ ストア オブジェクトを作成できませんでした。
0x80248013 WU_E_DS_DUPLICATEUPDATEID | The server sent the same update to the client with two different revision IDs. | サーバーが同じ更新プログラムを異なる 2 つのリビジョン ID で送りました。
0x80248014 WU_E_DS_UNKNOWNSERVICE | An operation did not complete because the service is not in the data store. | サービスがデータ ストアにないため完了しませんでした。
0x80248015 WU_E_DS_SERVICEEXPIRED | An operation did not complete because the registration of the service has expired. | サービスの登録の期限が切れているため完了しませんでした。
0x80248016 WU_E_DS_DECLINENOTALLOWED | A request to hide an update was declined because it is a mandatory update or because it was deployed with a deadline. | 必須または期限付きの更新プログラムのため、非表示にできませんでした。
0x80248017 WU_E_DS_TABLESESSIONMISMATCH | A table was not closed because it is not associated with the session. | セッションに関連付いていないためテーブルを閉じませんでした。
0x80248018 WU_E_DS_SESSIONLOCKMISMATCH | A table was not closed because it is not associated with the session. | セッションに関連付いていないためテーブルを閉じませんでした (ロック)。
0x80248019 WU_E_DS_NEEDWINDOWSSERVICE | A request to remove the Windows Update service or to unregister it with Automatic Updates was declined because it is a built-in service and/or Automatic Updates cannot fall back to another service. | 組み込みのサービスのため、Windows Update サービスの削除・登録解除を拒否しました。
0x8024801A WU_E_DS_INVALIDOPERATION | A request was declined because the operation is not allowed. | 許可されていない操作のため要求を拒否しました。
0x8024801B WU_E_DS_SCHEMAMISMATCH | The schema of the current data store and the schema of a table in a backup XML document do not match. | データ ストアとバックアップ XML のスキーマが一致しません。
0x8024801C WU_E_DS_RESETREQUIRED | The data store requires a session reset; release the session and retry with a new session. | データ ストアのセッションのリセットが必要です。
0x8024801D WU_E_DS_IMPERSONATED | A data store operation did not complete because it was requested with an impersonated identity. | 偽装された ID で要求されたため完了しませんでした。
0x8024801E WU_E_DS_DATANOTAVAILABLE | An operation against update metadata did not complete because the data was never received from server. | サーバーからデータを受信していないため、メタデータの操作が完了しませんでした。
0x8024801F WU_E_DS_DATANOTLOADED | An operation against update metadata did not complete because the data was available but not loaded from datastore. | データはあるがデータ ストアから読み込まれていないため完了しませんでした。
0x80248020 WU_E_DS_NODATA_NOSUCHREVISION | A data store operation did not complete because no such update revision is known. | その更新プログラムのリビジョンが不明なため完了しませんでした。
0x80248021 WU_E_DS_NODATA_NOSUCHUPDATE | A data store operation did not complete because no such update is known. | その更新プログラムが不明なため完了しませんでした。
0x80248022 WU_E_DS_NODATA_EULA | A data store operation did not complete because an update's EULA information is missing. | 更新プログラムの EULA 情報がないため完了しませんでした。
0x80248023 WU_E_DS_NODATA_SERVICE | A data store operation did not complete because a service's information is missing. | サービスの情報がないため完了しませんでした。
0x80248024 WU_E_DS_NODATA_COOKIE | A data store operation did not complete because a service's synchronization information is missing. | サービスの同期情報がないため完了しませんでした。
0x80248025 WU_E_DS_NODATA_TIMER | A data store operation did not complete because a timer's information is missing. | タイマーの情報がないため完了しませんでした。
0x80248026 WU_E_DS_NODATA_CCR | A data store operation did not complete because a download's information is missing. | ダウンロードの情報がないため完了しませんでした。
0x80248027 WU_E_DS_NODATA_FILE | A data store operation did not complete because a file's information is missing. | ファイルの情報がないため完了しませんでした。
0x80248028 WU_E_DS_NODATA_DOWNLOADJOB | A data store operation did not complete because a download job's information is missing. | ダウンロード ジョブの情報がないため完了しませんでした。
0x80248029 WU_E_DS_NODATA_TMI | A data store operation did not complete because a service's timestamp information is missing. | サービスのタイムスタンプ情報がないため完了しませんでした。
0x80248FFF WU_E_DS_UNEXPECTED | A data store error not covered by another WU_E_DS_* code. | 他の WU_E_DS_* に当てはまらないデータ ストアのエラーです。
0x80249001 WU_E_INVENTORY_PARSEFAILED | Parsing of the rule file failed. | ルール ファイルの解析に失敗しました。
0x80249002 WU_E_INVENTORY_GET_INVENTORY_TYPE_FAILED | Failed to get the requested inventory type from the server. | 要求したインベントリの種類をサーバーから取得できませんでした。
0x80249003 WU_E_INVENTORY_RESULT_UPLOAD_FAILED | Failed to upload inventory result to the server. | インベントリ結果をサーバーにアップロードできませんでした。
0x80249004 WU_E_INVENTORY_UNEXPECTED | There was an inventory error not covered by another error code. | 他に当てはまらないインベントリのエラーです。
0x80249005 WU_E_INVENTORY_WMI_ERROR | A WMI error occurred when enumerating the instances for a particular class. | クラスのインスタンスの列挙中に WMI エラーが発生しました。
0x8024A000 WU_E_AU_NOSERVICE | Automatic Updates was unable to service incoming requests. | 自動更新が要求を処理できませんでした。
0x8024A002 WU_E_AU_NONLEGACYSERVER | The old version of the Automatic Updates client has stopped because the WSUS server has been upgraded. | WSUS サーバーがアップグレードされたため、古い自動更新クライアントが停止しました。
0x8024A003 WU_E_AU_LEGACYCLIENTDISABLED | The old version of the Automatic Updates client was disabled. | 古い自動更新クライアントが無効にされました。
0x8024A004 WU_E_AU_PAUSED | Automatic Updates was unable to process incoming requests because it was paused. | 一時停止中のため自動更新が要求を処理できませんでした。
0x8024A005 WU_E_AU_NO_REGISTERED_SERVICE | No unmanaged service is registered with AU. | 自動更新に管理外のサービスが登録されていません。
0x8024A006 WU_E_AU_DETECT_SVCID_MISMATCH | The default service registered with AU changed during the search. | 検索中に自動更新の既定のサービスが変わりました。
0x8024A007 WU_E_REBOOT_IN_PROGRESS | A reboot is in progress. | 再起動中です。
0x8024A008 WU_E_AU_OOBE_IN_PROGRESS | Automatic Updates can't process incoming requests while Windows Welcome is running. | Windows の初期設定中は自動更新が要求を処理できません。
0x8024AFFF WU_E_AU_UNEXPECTED | An Automatic Updates error not covered by another WU_E_AU * code. | 他の WU_E_AU に当てはまらない自動更新のエラーです。
0x80242000 WU_E_UH_REMOTEUNAVAILABLE | A request for a remote update handler could not be completed because no remote process is available. | リモート プロセスがないため、リモート更新ハンドラーの要求を完了できませんでした。
0x80242001 WU_E_UH_LOCALONLY | A request for a remote update handler could not be completed because the handler is local only. | ハンドラーがローカル専用のため、リモートの要求を完了できませんでした。
0x80242002 WU_E_UH_UNKNOWNHANDLER | A request for an update handler could not be completed because the handler could not be recognized. | ハンドラーを認識できないため要求を完了できませんでした。
0x80242003 WU_E_UH_REMOTEALREADYACTIVE | A remote update handler could not be created because one already exists. | リモート更新ハンドラーが既にあるため作成できませんでした。
0x80242004 WU_E_UH_DOESNOTSUPPORTACTION | A request for the handler to install (uninstall) an update could not be completed because the update does not support install (uninstall). | その更新プログラムはインストール (アンインストール) に対応していません。
0x80242005 WU_E_UH_WRONGHANDLER | An operation did not complete because the wrong handler was specified. | 誤ったハンドラーが指定されたため完了しませんでした。
0x80242006 WU_E_UH_INVALIDMETADATA | A handler operation could not be completed because the update contains invalid metadata. | 更新プログラムのメタデータが無効なためハンドラーの操作を完了できませんでした。
0x80242007 WU_E_UH_INSTALLERHUNG | An operation could not be completed because the installer exceeded the time limit. | インストーラーが制限時間を超えたため完了できませんでした。
0x80242008 WU_E_UH_OPERATIONCANCELLED | An operation being done by the update handler was cancelled. | 更新ハンドラーの操作が取り消されました。
0x80242009 WU_E_UH_BADHANDLERXML | An operation could not be completed because the handler-specific metadata is invalid. | ハンドラー固有のメタデータが無効なため完了できませんでした。
0x8024200A WU_E_UH_CANREQUIREINPUT | A request to the handler to install an update could not be completed because the update requires user input. | 更新プログラムにユーザー入力が必要なためインストールできませんでした。
0x8024200B WU_E_UH_INSTALLERFAILURE | The installer failed to install (uninstall) one or more updates. | インストーラーが更新プログラムのインストール (アンインストール) に失敗しました。
0x8024200C WU_E_UH_FALLBACKTOSELFCONTAINED | The update handler should download self-contained content rather than delta-compressed content for the update. | 差分ではなく完全なコンテンツをダウンロードする必要があります。
0x8024200D WU_E_UH_NEEDANOTHERDOWNLOAD | The update handler did not install the update because it needs to be downloaded again. | 再ダウンロードが必要なためインストールしませんでした。
0x8024200E WU_E_UH_NOTIFYFAILURE | The update handler failed to send notification of the status of the install (uninstall) operation. | インストール (アンインストール) の状態を通知できませんでした。
0x8024200F WU_E_UH_INCONSISTENT_FILE_NAMES | The file names contained in the update metadata and in the update package are inconsistent. | メタデータとパッケージのファイル名が一致しません。
0x80242010 WU_E_UH_FALLBACKERROR | The update handler failed to fall back to the self-contained content. | 完全なコンテンツへの切り替えに失敗しました。
0x80242011 WU_E_UH_TOOMANYDOWNLOADREQUESTS | The update handler has exceeded the maximum number of download requests. | ダウンロード要求の上限を超えました。
0x80242012 WU_E_UH_UNEXPECTEDCBSRESPONSE | The update handler has received an unexpected response from CBS. | CBS から想定外の応答を受け取りました。
0x80242013 WU_E_UH_BADCBSPACKAGEID | The update metadata contains an invalid CBS package identifier. | メタデータの CBS パッケージ ID が無効です。
0x80242014 WU_E_UH_POSTREBOOTSTILLPENDING | The post-reboot operation for the update is still in progress. | 再起動後の処理がまだ進行中です。
0x80242015 WU_E_UH_POSTREBOOTRESULTUNKNOWN | The result of the post-reboot operation for the update could not be determined. | 再起動後の処理の結果を特定できませんでした。
0x80242016 WU_E_UH_POSTREBOOTUNEXPECTEDSTATE | The state of the update after its post-reboot operation has completed is unexpected. | 再起動後の処理が終わった後の更新プログラムの状態が想定外です。
0x80242017 WU_E_UH_NEW_SERVICING_STACK_REQUIRED | The OS servicing stack must be updated before this update is downloaded or installed. | この更新プログラムの前に OS のサービス スタックを更新する必要があります。
0x80242018 WU_E_UH_CALLED_BACK_FAILURE | A callback installer called back with an error. | コールバック インストーラーがエラーを返しました。
0x80242019 WU_E_UH_CUSTOMINSTALLER_INVALID_SIGNATURE | The custom installer signature did not match the signature required by the update. | カスタム インストーラーの署名が更新プログラムの要求と一致しません。
0x8024201A WU_E_UH_UNSUPPORTED_INSTALLCONTEXT | The installer does not support the installation configuration. | インストーラーがそのインストール構成に対応していません。
0x8024201B WU_E_UH_INVALID_TARGETSESSION | The targeted session for install is invalid. | インストール対象のセッションが無効です。
0x8024201C WU_E_UH_DECRYPTFAILURE | The handler failed to decrypt the update files. | 更新プログラムのファイルを復号できませんでした。
0x8024201D WU_E_UH_HANDLER_DISABLEDUNTILREBOOT | The update handler is disabled until the system reboots. | 再起動まで更新ハンドラーは無効です。
0x8024201E WU_E_UH_APPX_NOT_PRESENT | The AppX infrastructure is not present on the system. | AppX の基盤がシステムにありません。
0x8024201F WU_E_UH_NOTREADYTOCOMMIT | The update cannot be committed because it has not been previously installed or staged. | インストールもステージングもされていないため確定できません。
0x80242020 WU_E_UH_APPX_INVALID_PACKAGE_VOLUME | The specified volume is not a valid AppX package volume. | 指定したボリュームは有効な AppX パッケージ ボリュームではありません。
0x80242021 WU_E_UH_APPX_DEFAULT_PACKAGE_VOLUME_UNAVAILABLE | The configured default storage volume is unavailable. | 既定の保存先ボリュームを利用できません。
0x80242022 WU_E_UH_APPX_INSTALLED_PACKAGE_VOLUME_UNAVAILABLE | The volume on which the application is installed is unavailable. | アプリケーションのあるボリュームを利用できません。
0x80242023 WU_E_UH_APPX_PACKAGE_FAMILY_NOT_FOUND | The specified package family is not present on the system. | 指定したパッケージ ファミリがシステムにありません。
0x80242024 WU_E_UH_APPX_SYSTEM_VOLUME_NOT_FOUND | Unable to find a package volume marked as system. | システム用のパッケージ ボリュームが見つかりません。
0x80242025 WU_E_UH_UA_SESSION_INFO_VERSION_NOT_SUPPORTED | UA does not support the version of OptionalSessionInfo. | UA が OptionalSessionInfo のバージョンに対応していません。
0x80242026 WU_E_UH_RESERVICING_REQUIRED_BASELINE | This operation cannot be completed. You must install the baseline update(s) before you can install this update. | 先にベースラインの更新プログラムをインストールする必要があります。
0x80242FFF WU_E_UH_UNEXPECTED | An update handler error not covered by another WU_E_UH_* code. | 他の WU_E_UH_* に当てはまらない更新ハンドラーのエラーです。
0x80246001 WU_E_DM_URLNOTAVAILABLE | A download manager operation could not be completed because the requested file does not have a URL. | ファイルに URL がないためダウンロードできませんでした。
0x80246002 WU_E_DM_INCORRECTFILEHASH | A download manager operation could not be completed because the file digest was not recognized. | ファイルのダイジェスト (ハッシュ) が一致しないためダウンロードを完了できませんでした。
0x80246003 WU_E_DM_UNKNOWNALGORITHM | A download manager operation could not be completed because the file metadata requested an unrecognized hash algorithm. | 不明なハッシュ アルゴリズムが指定されたため完了できませんでした。
0x80246004 WU_E_DM_NEEDDOWNLOADREQUEST | An operation could not be completed because a download request is required from the download handler. | ダウンロード ハンドラーからのダウンロード要求が必要です。
0x80246005 WU_E_DM_NONETWORK | A download manager operation could not be completed because the network connection was unavailable. | ネットワークに接続できないためダウンロードを完了できませんでした。
0x80246006 WU_E_DM_WRONGBITSVERSION | A download manager operation could not be completed because the version of Background Intelligent Transfer Service (BITS) is incompatible. | BITS のバージョンに互換性がないため完了できませんでした。
0x80246007 WU_E_DM_NOTDOWNLOADED | The update has not been downloaded. | 更新プログラムはまだダウンロードされていません。
0x80246008 WU_E_DM_FAILTOCONNECTTOBITS | A download manager operation failed because the download manager was unable to connect the Background Intelligent Transfer Service (BITS). | BITS に接続できずダウンロードが失敗しました。
0x80246009 WU_E_DM_BITSTRANSFERERROR | A download manager operation failed because there was an unspecified Background Intelligent Transfer Service (BITS) transfer error. | BITS の不明な転送エラーでダウンロードが失敗しました。
0x8024600A WU_E_DM_DOWNLOADLOCATIONCHANGED | A download must be restarted because the location of the source of the download has changed. | ダウンロード元の場所が変わったため、やり直しが必要です。
0x8024600B WU_E_DM_CONTENTCHANGED | A download must be restarted because the update content changed in a new revision. | 新しいリビジョンで内容が変わったため、ダウンロードのやり直しが必要です。
0x8024600C WU_E_DM_DOWNLOADLIMITEDBYUPDATESIZE | A download failed because the current network limits downloads by update size for the update service. | ネットワークの更新プログラムのサイズ制限によりダウンロードが失敗しました。
0x8024600E WU_E_DM_UNAUTHORIZED | The download failed because the client was denied authorization to download the content. | クライアントにダウンロードの権限がなく失敗しました。
0x8024600F WU_E_DM_BG_ERROR_TOKEN_REQUIRED | The download failed because the user token associated with the BITS job no longer exists. | BITS ジョブのユーザー トークンがなくなったため失敗しました。
0x80246010 WU_E_DM_DOWNLOADSANDBOXNOTFOUND | The sandbox directory for the downloaded update was not found. | ダウンロードした更新プログラムのサンドボックス ディレクトリが見つかりません。
0x80246011 WU_E_DM_DOWNLOADFILEPATHUNKNOWN | The downloaded update has an unknown file path. | ダウンロードした更新プログラムのファイル パスが不明です。
0x80246012 WU_E_DM_DOWNLOADFILEMISSING | One or more of the files for the downloaded update is missing. | ダウンロードした更新プログラムのファイルが欠けています。
0x80246013 WU_E_DM_UPDATEREMOVED | An attempt was made to access a downloaded update that has already been removed. | 既に削除されたダウンロード済みの更新プログラムにアクセスしようとしました。
0x80246014 WU_E_DM_READRANGEFAILED | Windows Update couldn't find a needed portion of a downloaded update's file. | ダウンロードしたファイルの必要な部分が見つかりません。
0x80246016 WU_E_DM_UNAUTHORIZED_NO_USER | The download failed because the client was denied authorization to download the content due to no user logged on. | ログオン中のユーザーがいないため、ダウンロードの権限がなく失敗しました。
0x80246017 WU_E_DM_UNAUTHORIZED_LOCAL_USER | The download failed because the local user was denied authorization to download the content. | ローカル ユーザーにダウンロードの権限がなく失敗しました。
0x80246018 WU_E_DM_UNAUTHORIZED_DOMAIN_USER | The download failed because the domain user was denied authorization to download the content. | ドメイン ユーザーにダウンロードの権限がなく失敗しました。
0x80246019 WU_E_DM_UNAUTHORIZED_MSA_USER | The download failed because the MSA account associated with the user was denied authorization to download the content. | ユーザーの MSA アカウントにダウンロードの権限がなく失敗しました。
0x8024601A WU_E_DM_FALLINGBACKTOBITS | The download will be continued by falling back to BITS to download the content. | BITS に切り替えてダウンロードを続けます。
0x8024601B WU_E_DM_DOWNLOAD_VOLUME_CONFLICT | Another caller has requested download to a different volume. | 別の呼び出し元が異なるボリュームへのダウンロードを要求しています。
0x8024601C WU_E_DM_SANDBOX_HASH_MISMATCH | The hash of the update's sandbox does not match the expected value. | 更新プログラムのサンドボックスのハッシュが想定と一致しません。
0x8024601D WU_E_DM_HARDRESERVEID_CONFLICT | The hard reserve id specified conflicts with an id from another caller. | 指定した予約 ID が別の呼び出し元と競合しています。
0x8024601E WU_E_DM_DOSVC_REQUIRED | The update has to be downloaded via DO. | 配信の最適化 (DO) 経由でダウンロードする必要があります。
0x8024601F WU_E_DM_DOWNLOADTYPE_CONFLICT | Windows Update only supports one download type per update at one time. The download failure is by design here since the same update with different download type is operating. Please try again later. | 同じ更新プログラムを別の種類でダウンロード中のため失敗しました (仕様)。後で再試行してください。
0x80246FFF WU_E_DM_UNEXPECTED | There was a download manager error not covered by another WU_E_DM_* error code. | 他の WU_E_DM_* に当てはまらないダウンロード マネージャーのエラーです。
0x8024D001 WU_E_SETUP_INVALID_INFDATA | Windows Update Agent could not be updated because an INF file contains invalid information. | INF ファイルの情報が無効なため Windows Update エージェントを更新できませんでした。
0x8024D002 WU_E_SETUP_INVALID_IDENTDATA | Windows Update Agent could not be updated because the wuident.cab file contains invalid information. | wuident.cab の情報が無効なため Windows Update エージェントを更新できませんでした。
0x8024D003 WU_E_SETUP_ALREADY_INITIALIZED | Windows Update Agent could not be updated because of an internal error that caused setup initialization to be performed twice. | セットアップの初期化が 2 回行われた内部エラーのため更新できませんでした。
0x8024D004 WU_E_SETUP_NOT_INITIALIZED | Windows Update Agent could not be updated because setup initialization never completed successfully. | セットアップの初期化が完了しなかったため更新できませんでした。
0x8024D005 WU_E_SETUP_SOURCE_VERSION_MISMATCH | Windows Update Agent could not be updated because the versions specified in the INF do not match the actual source file versions. | INF のバージョンと実ファイルのバージョンが一致しないため更新できませんでした。
0x8024D006 WU_E_SETUP_TARGET_VERSION_GREATER | Windows Update Agent could not be updated because a WUA file on the target system is newer than the corresponding source file. | システム上の WUA ファイルの方が新しいため更新できませんでした。
0x8024D007 WU_E_SETUP_REGISTRATION_FAILED | Windows Update Agent could not be updated because regsvr32.exe returned an error. | regsvr32.exe がエラーを返したため更新できませんでした。
0x8024D008 WU_E_SELFUPDATE_SKIP_ON_FAILURE | An update to the Windows Update Agent was skipped because previous attempts to update have failed. | 以前の試みが失敗したため、Windows Update エージェントを更新しませんでした (スキップ)。
0x8024D009 WU_E_SETUP_SKIP_UPDATE | An update to the Windows Update Agent was skipped due to a directive in the wuident.cab file. | wuident.cab の指示により、Windows Update エージェントを更新しませんでした (スキップ)。
0x8024D00A WU_E_SETUP_UNSUPPORTED_CONFIGURATION | Windows Update Agent could not be updated because the current system configuration is not supported. | システム構成がサポート外のため更新できませんでした。
0x8024D00B WU_E_SETUP_BLOCKED_CONFIGURATION | Windows Update Agent could not be updated because the system is configured to block the update. | システムの構成によりブロックされているため、Windows Update エージェントを更新できませんでした。
0x8024D00C WU_E_SETUP_REBOOT_TO_FIX | Windows Update Agent could not be updated because a restart of the system is required. | 再起動が必要なため更新できませんでした。
0x8024D00D WU_E_SETUP_ALREADYRUNNING | Windows Update Agent setup is already running. | Windows Update エージェントのセットアップは既に実行中です。
0x8024D00E WU_E_SETUP_REBOOTREQUIRED | Windows Update Agent setup package requires a reboot to complete installation. | インストールの完了に再起動が必要です。
0x8024D00F WU_E_SETUP_HANDLER_EXEC_FAILURE | Windows Update Agent could not be updated because the setup handler failed during execution. | セットアップ ハンドラーが実行中に失敗したため更新できませんでした。
0x8024D010 WU_E_SETUP_INVALID_REGISTRY_DATA | Windows Update Agent could not be updated because the registry contains invalid information. | レジストリの情報が無効なため更新できませんでした。
0x8024D011 WU_E_SELFUPDATE_REQUIRED | Windows Update Agent must be updated before search can continue. | 検索を続けるには Windows Update エージェントを更新する必要があります。
0x8024D012 WU_E_SELFUPDATE_REQUIRED_ADMIN | Windows Update Agent must be updated before search can continue.  An administrator is required to perform the operation. | 検索を続けるにはWindows Update エージェントを更新する必要があり、管理者の操作が要ります。
0x8024D013 WU_E_SETUP_WRONG_SERVER_VERSION | Windows Update Agent could not be updated because the server does not contain update information for this version. | サーバーにこのバージョン用の更新プログラムの情報がないため更新できませんでした。
0x8024D014 WU_E_SETUP_DEFERRABLE_REBOOT_PENDING | Windows Update Agent is successfully updated, but a reboot is required to complete the setup. | エージェントは更新されましたが、完了には再起動が必要です。
0x8024D015 WU_E_SETUP_NON_DEFERRABLE_REBOOT_PENDING | Windows Update Agent is successfully updated, but a reboot is required to complete the setup. | エージェントは更新されましたが、完了には再起動が必要です (延期不可)。
0x8024D016 WU_E_SETUP_FAIL | Windows Update Agent could not be updated because of an unknown error. | 不明なエラーのため Windows Update エージェントを更新できませんでした。
0x8024DFFF WU_E_SETUP_UNEXPECTED | Windows Update Agent could not be updated because of an error not covered by another WU_E_SETUP_* error code. | 他の WU_E_SETUP_* に当てはまらないエラーで更新できませんでした。
0x8024E001 WU_E_EE_UNKNOWN_EXPRESSION | An expression evaluator operation could not be completed because an expression was unrecognized. | 式を認識できないため評価を完了できませんでした。
0x8024E002 WU_E_EE_INVALID_EXPRESSION | An expression evaluator operation could not be completed because an expression was invalid. | 式が無効なため評価を完了できませんでした。
0x8024E003 WU_E_EE_MISSING_METADATA | An expression evaluator operation could not be completed because an expression contains an incorrect number of metadata nodes. | 式のメタデータ ノード数が正しくないため評価を完了できませんでした。
0x8024E004 WU_E_EE_INVALID_VERSION | An expression evaluator operation could not be completed because the version of the serialized expression data is invalid. | シリアル化された式データのバージョンが無効です。
0x8024E005 WU_E_EE_NOT_INITIALIZED | The expression evaluator could not be initialized. | 式の評価機能を初期化できませんでした。
0x8024E006 WU_E_EE_INVALID_ATTRIBUTEDATA | An expression evaluator operation could not be completed because there was an invalid attribute. | 無効な属性があるため評価を完了できませんでした。
0x8024E007 WU_E_EE_CLUSTER_ERROR | An expression evaluator operation could not be completed because the cluster state of the computer could not be determined. | コンピューターのクラスター状態を特定できないため評価を完了できませんでした。
0x8024EFFF WU_E_EE_UNEXPECTED | There was an expression evaluator error not covered by another WU_E_EE_* error code. | 他の WU_E_EE_* に当てはまらない式評価のエラーです。
0x80243001 WU_E_INSTALLATION_RESULTS_UNKNOWN_VERSION | The results of download and installation could not be read from the registry due to an unrecognized data format version. | データ形式のバージョンが不明なため、結果をレジストリから読めませんでした。
0x80243002 WU_E_INSTALLATION_RESULTS_INVALID_DATA | The results of download and installation could not be read from the registry due to an invalid data format. | データ形式が無効なため、結果をレジストリから読めませんでした。
0x80243003 WU_E_INSTALLATION_RESULTS_NOT_FOUND | The results of download and installation are not available; the operation may have failed to start. | ダウンロードとインストールの結果がありません (開始に失敗した可能性)。
0x80243004 WU_E_TRAYICON_FAILURE | A failure occurred when trying to create an icon in the taskbar notification area. | 通知領域にアイコンを作成できませんでした。
0x80243FFD WU_E_NON_UI_MODE | Unable to show UI when in non-UI mode; WU client UI modules may not be installed. | 非 UI モードのため UI を表示できません。
0x80243FFE WU_E_WUCLTUI_UNSUPPORTED_VERSION | Unsupported version of WU client UI exported functions. | WU クライアント UI の関数のバージョンがサポート外です。
0x80243FFF WU_E_AUCLIENT_UNEXPECTED | There was a user interface error not covered by another WU_E_AUCLIENT_* error code. | 他に当てはまらないユーザー インターフェイスのエラーです。
0x8024F001 WU_E_REPORTER_EVENTCACHECORRUPT | The event cache file was defective. | イベント キャッシュ ファイルが破損しています。
0x8024F002 WU_E_REPORTER_EVENTNAMESPACEPARSEFAILED | The XML in the event namespace descriptor could not be parsed. | イベント名前空間記述子の XML を解析できませんでした。
0x8024F003 WU_E_INVALID_EVENT | The XML in the event namespace descriptor could not be parsed. | イベントが無効です (記述子の XML を解析できませんでした)。
0x8024F004 WU_E_SERVER_BUSY | The server rejected an event because the server was too busy. | サーバーが混雑しているためイベントを拒否しました。
0x8024F005 WU_E_CALLBACK_COOKIE_NOT_FOUND | The specified callback cookie is not found. | 指定したコールバック Cookie が見つかりません。
0x8024FFFF WU_E_REPORTER_UNEXPECTED | There was a reporter error not covered by another error code. | 他に当てはまらないレポーター (報告) のエラーです。
0x80247001 WU_E_OL_INVALID_SCANFILE | An operation could not be completed because the scan package was invalid. | スキャン パッケージが無効なため完了できませんでした。
0x80247002 WU_E_OL_NEWCLIENT_REQUIRED | An operation could not be completed because the scan package requires a greater version of the Windows Update Agent. | スキャン パッケージが新しいエージェントを必要とするため完了できませんでした。
0x80247003 WU_E_INVALID_EVENT_PAYLOAD | An invalid event payload was specified. | 無効なイベント ペイロードが指定されました。
0x80247004 WU_E_INVALID_EVENT_PAYLOADSIZE | The size of the event payload submitted is invalid. | イベント ペイロードのサイズが無効です。
0x80247005 WU_E_SERVICE_NOT_REGISTERED | The service is not registered. | サービスが登録されていません。
0x80247FFF WU_E_OL_UNEXPECTED | Search using the scan package failed. | スキャン パッケージでの検索に失敗しました。
0x80247100 WU_E_METADATA_NOOP | No operation was required by update metadata verification. | メタデータの検証で必要な操作はありませんでした。
0x80247101 WU_E_METADATA_CONFIG_INVALID_BINARY_ENCODING | The binary encoding of metadata config data was invalid. | メタデータ構成データのバイナリ エンコードが無効です。
0x80247102 WU_E_METADATA_FETCH_CONFIG | Unable to fetch required configuration for metadata signature verification. | メタデータ署名の検証に必要な構成を取得できません。
0x80247104 WU_E_METADATA_INVALID_PARAMETER | A metadata verification operation failed due to an invalid parameter. | 無効なパラメーターでメタデータの検証が失敗しました。
0x80247105 WU_E_METADATA_UNEXPECTED | A metadata verification operation failed due to reasons not covered by another error code. | 他に当てはまらない理由でメタデータの検証が失敗しました。
0x80247106 WU_E_METADATA_NO_VERIFICATION_DATA | None of the update metadata had verification data, which may be disabled on the update server. | どのメタデータにも検証データがありません (サーバー側で無効になっている可能性)。
0x80247107 WU_E_METADATA_BAD_FRAGMENTSIGNING_CONFIG | The fragment signing configuration used for verifying update metadata signatures was bad. | メタデータ署名の検証に使うフラグメント署名の構成が不正です。
0x80247108 WU_E_METADATA_FAILURE_PROCESSING_FRAGMENTSIGNING_CONFIG | There was an unexpected operational failure while parsing fragment signing configuration. | フラグメント署名の構成の解析中に想定外の失敗がありました。
0x80247120 WU_E_METADATA_XML_MISSING | Required xml data was missing from configuration. | 構成に必要な XML データがありません。
0x80247121 WU_E_METADATA_XML_FRAGMENTSIGNING_MISSING | Required fragmentsigning data was missing from xml configuration. | XML 構成に fragmentsigning データがありません。
0x80247122 WU_E_METADATA_XML_MODE_MISSING | Required mode data was missing from xml configuration. | XML 構成に mode データがありません。
0x80247123 WU_E_METADATA_XML_MODE_INVALID | An invalid metadata enforcement mode was detected. | メタデータの強制モードが無効です。
0x80247124 WU_E_METADATA_XML_VALIDITY_INVALID | An invalid timestamp validity window configuration was detected. | タイムスタンプの有効期間の構成が無効です。
0x80247125 WU_E_METADATA_XML_LEAFCERT_MISSING | Required leaf certificate data was missing from xml configuration. | XML 構成にリーフ証明書のデータがありません。
0x80247126 WU_E_METADATA_XML_INTERMEDIATECERT_MISSING | Required intermediate certificate data was missing from xml configuration. | XML 構成に中間証明書のデータがありません。
0x80247127 WU_E_METADATA_XML_LEAFCERT_ID_MISSING | Required leaf certificate id attribute was missing from xml configuration. | XML 構成にリーフ証明書の id 属性がありません。
0x80247128 WU_E_METADATA_XML_BASE64CERDATA_MISSING | Required certificate base64CerData attribute was missing from xml configuration. | XML 構成に証明書の base64CerData 属性がありません。
0x80247140 WU_E_METADATA_BAD_SIGNATURE | The metadata for an update was found to have a bad or invalid digital signature. | 更新プログラムのメタデータのデジタル署名が不正または無効です。
0x80247141 WU_E_METADATA_UNSUPPORTED_HASH_ALG | An unsupported hash algorithm for metadata verification was specified. | メタデータの検証にサポート外のハッシュ アルゴリズムが指定されました。
0x80247142 WU_E_METADATA_SIGNATURE_VERIFY_FAILED | An error occurred during an update's metadata signature verification. | メタデータ署名の検証中にエラーが発生しました。
0x80247150 WU_E_METADATATRUST_CERTIFICATECHAIN_VERIFICATION | An failure occurred while verifying trust for metadata signing certificate chains. | メタデータ署名の証明書チェーンの信頼の検証に失敗しました。
0x80247151 WU_E_METADATATRUST_UNTRUSTED_CERTIFICATECHAIN | A metadata signing certificate had an untrusted certificate chain. | メタデータ署名の証明書チェーンが信頼されていません。
0x80247160 WU_E_METADATA_TIMESTAMP_TOKEN_MISSING | An expected metadata timestamp token was missing. | メタデータのタイムスタンプ トークンがありません。
0x80247161 WU_E_METADATA_TIMESTAMP_TOKEN_VERIFICATION_FAILED | A metadata Timestamp token failed verification. | メタデータのタイムスタンプ トークンの検証に失敗しました。
0x80247162 WU_E_METADATA_TIMESTAMP_TOKEN_UNTRUSTED | A metadata timestamp token signer certificate chain was untrusted. | タイムスタンプ トークンの署名者の証明書チェーンが信頼されていません。
0x80247163 WU_E_METADATA_TIMESTAMP_TOKEN_VALIDITY_WINDOW | A metadata signature timestamp token was no longer within the validity window. | タイムスタンプ トークンが有効期間を過ぎています。
0x80247164 WU_E_METADATA_TIMESTAMP_TOKEN_SIGNATURE | A metadata timestamp token failed signature validation | タイムスタンプ トークンの署名の検証に失敗しました。
0x80247165 WU_E_METADATA_TIMESTAMP_TOKEN_CERTCHAIN | A metadata timestamp token certificate failed certificate chain verification. | タイムスタンプ トークンの証明書チェーンの検証に失敗しました。
0x80247166 WU_E_METADATA_TIMESTAMP_TOKEN_REFRESHONLINE | A failure occurred when refreshing a missing timestamp token from the network. | 不足したタイムスタンプ トークンをネットワークから取得できませんでした。
0x80247167 WU_E_METADATA_TIMESTAMP_TOKEN_ALL_BAD | All update metadata verification timestamp tokens from the timestamp token cache are invalid. | キャッシュ内のタイムスタンプ トークンがすべて無効です。
0x80247168 WU_E_METADATA_TIMESTAMP_TOKEN_NODATA | No update metadata verification timestamp tokens exist in the timestamp token cache. | キャッシュにタイムスタンプ トークンがありません。
0x80247169 WU_E_METADATA_TIMESTAMP_TOKEN_CACHELOOKUP | An error occurred during cache lookup of update metadata verification timestamp token. | タイムスタンプ トークンのキャッシュ検索でエラーが発生しました。
0x8024717E WU_E_METADATA_TIMESTAMP_TOKEN_VALIDITYWINDOW_UNEXPECTED | An metadata timestamp token validity window failed unexpectedly due to reasons not covered by another error code. | タイムスタンプ トークンの有効期間の処理が想定外に失敗しました。
0x8024717F WU_E_METADATA_TIMESTAMP_TOKEN_UNEXPECTED | An metadata timestamp token verification operation failed due to reasons not covered by another error code. | タイムスタンプ トークンの検証が他に当てはまらない理由で失敗しました。
0x80247180 WU_E_METADATA_CERT_MISSING | An expected metadata signing certificate was missing. | メタデータ署名の証明書がありません。
0x80247181 WU_E_METADATA_LEAFCERT_BAD_TRANSPORT_ENCODING | The transport encoding of a metadata signing leaf certificate was malformed. | メタデータ署名のリーフ証明書のエンコードが不正です。
0x80247182 WU_E_METADATA_INTCERT_BAD_TRANSPORT_ENCODING | The transport encoding of a metadata signing intermediate certificate was malformed. | メタデータ署名の中間証明書のエンコードが不正です。
0x80247183 WU_E_METADATA_CERT_UNTRUSTED | A metadata certificate chain was untrusted. | メタデータの証明書チェーンが信頼されていません。
0x8024B001 WU_E_WUTASK_INPROGRESS | The task is currently in progress. | タスクは現在実行中です。
0x8024B002 WU_E_WUTASK_STATUS_DISABLED | The operation cannot be completed since the task status is currently disabled. | タスクが無効のため操作を完了できません。
0x8024B003 WU_E_WUTASK_NOT_STARTED | The operation cannot be completed since the task is not yet started. | タスクが開始されていないため操作を完了できません。
0x8024B004 WU_E_WUTASK_RETRY | The task was stopped and needs to be run again to complete. | タスクが停止したため、完了するには再実行が必要です。
0x8024B005 WU_E_WUTASK_CANCELINSTALL_DISALLOWED | Cannot cancel a non-scheduled install. | スケジュールされていないインストールは取り消せません。
0x8024B101 WU_E_UNKNOWN_HARDWARECAPABILITY | Hardware capability meta data was not found after a sync with the service. | 同期後もハードウェア機能のメタデータが見つかりません。
0x8024B102 WU_E_BAD_XML_HARDWARECAPABILITY | Hardware capability meta data was malformed and/or failed to parse. | ハードウェア機能のメタデータが不正または解析できません。
0x8024B103 WU_E_WMI_NOT_SUPPORTED | Unable to complete action due to WMI dependency, which isn't supported on this platform. | このプラットフォームでサポートされない WMI に依存するため完了できません。
0x8024B104 WU_E_UPDATE_MERGE_NOT_ALLOWED | Merging of the update is not allowed | 更新プログラムのマージは許可されていません。
0x8024B105 WU_E_SKIPPED_UPDATE_INSTALLATION | Installing merged updates only. So skipping non mergeable updates. | マージした更新プログラムだけをインストールするため、マージできない更新プログラムをスキップしました。
0x8024B201 WU_E_SLS_INVALID_REVISION | SLS response returned invalid revision number. | SLS の応答のリビジョン番号が無効です。
0x8024B301 WU_E_FILETRUST_DUALSIGNATURE_RSA | File signature validation fails to find valid RSA signature on infrastructure payload. | インフラストラクチャ ペイロードに有効な RSA 署名が見つかりません。
0x8024B302 WU_E_FILETRUST_DUALSIGNATURE_ECC | File signature validation fails to find valid ECC signature on infrastructure payload. | インフラストラクチャ ペイロードに有効な ECC 署名が見つかりません。
0x8024B303 WU_E_TRUST_SUBJECT_NOT_TRUSTED | The subject is not trusted by WU for the specified action. | その対象は指定の操作について Windows Update に信頼されていません。
0x8024B304 WU_E_TRUST_PROVIDER_UNKNOWN | Unknown trust provider for WU. | Windows Update にとって不明な信頼プロバイダーです。
`;
