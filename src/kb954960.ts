/**
 * The KB954960 facts the bot states: links, versions, paths and the commands it hands to admins.
 * Source: docs/kb954960.md. Keep them exact; everything user-facing takes them from here.
 */
import type { Lang } from './lang.js';

export const KB = 'KB954960' as const;

const FAMILY_ID = '6aa8a49d-170c-4077-8b9b-61f7bf5a1281';

export const LINKS = {
  /** The advisory's current pages (the old .mspx page is gone), in the reader's language. */
  advisory: {
    ja: 'https://learn.microsoft.com/ja-jp/security-updates/securityadvisories/2008/954960',
    en: 'https://learn.microsoft.com/en-us/security-updates/securityadvisories/2008/954960',
  } satisfies Record<Lang, string>,
  kb: 'http://support.microsoft.com/kb/954960/',
  download: {
    ja: `http://www.microsoft.com/downloads/details.aspx?displaylang=ja&FamilyID=${FAMILY_ID}`,
    en: `http://www.microsoft.com/downloads/details.aspx?displaylang=en&FamilyID=${FAMILY_ID}`,
  } satisfies Record<Lang, string>,
} as const;

export interface Links {
  download: string;
  kb: string;
  advisory: string;
}

export function linksFor(lang: Lang): Links {
  return { download: LINKS.download[lang], kb: LINKS.kb, advisory: LINKS.advisory[lang] };
}

/** The client's failure code in the KB954960 signature (with ErrorCode:InternalServerError(5) on SyncUpdates). */
export const KB954960_CODE = '0x8024400E';

/** The client web service DLL build that carries the fix. */
export const FIXED_DLL_VERSION = '3.1.6001.66';

/** The tag that starts every line the verification commands print: `KB954960-CHECK computer=NAME fact=value`. */
export const CHECK_TAG = 'KB954960-CHECK';

const SETUP_KEY = String.raw`HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup`;
const DLL_UNDER_PROGRAM_FILES = String.raw`Update Services\WebServices\ClientWebService\bin\Microsoft.UpdateServices.WebServices.Client.dll`;

/**
 * What the bot hands admins to run on a WSUS server: ONE block per shell that prints every fact at once, each on its
 * own line with the computer it was read on, so a pasted output names its server:
 *   KB954960-CHECK computer=WSUS01 wsus=3.1.6001.65          (registry VersionString, or `absent`)
 *   KB954960-CHECK computer=WSUS01 dll=3.1.6001.66           (client web service DLL file version, or `absent`)
 *   KB954960-CHECK computer=WSUS01 event1022=present 2008-08-13   (MsiInstaller 1022 for KB954960, or `absent`)
 * The rules verify-check-version / verify-check-event read them back. The commands never spell a real-looking
 * computer name themselves (`computer=$c`, `computer=%COMPUTERNAME%`), so a console copy that includes the typed
 * commands is read only for its output.
 *
 * PowerShell 2.0 (Server 2008 / 2003 with WMF 2.0) has Get-ItemProperty, Get-Item …VersionInfo, Get-EventLog and
 * Join-Path; the DLL version is assembled from the numeric parts (FileVersion is free text). ProgramW6432 points at
 * the 64-bit Program Files also from a 32-bit console. The cmd block is for interactive cmd.exe (single `%v`) on
 * servers without PowerShell: reg query, wmic datafile (needs doubled backslashes, hence `%ProgramFiles:\=\\%`) and
 * wmic ntevent (Server 2003 has no wevtutil); `find`, not `findstr`, reads wmic's UTF-16 output.
 */
export const VERIFY_BLOCKS = {
  powershell: [
    '$c = $env:COMPUTERNAME; $pf = $env:ProgramW6432; if (-not $pf) { $pf = $env:ProgramFiles }',
    String.raw`$w = 'absent'; $s = Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Update Services\Server\Setup' -ErrorAction SilentlyContinue; if ($s -and $s.VersionString) { $w = $s.VersionString }`,
    `"${CHECK_TAG} computer=$c wsus=$w"`,
    `$d = 'absent'; $f = Join-Path $pf '${DLL_UNDER_PROGRAM_FILES}'; if (Test-Path $f) { $v = (Get-Item $f).VersionInfo; $d = '{0}.{1}.{2}.{3}' -f $v.FileMajorPart, $v.FileMinorPart, $v.FileBuildPart, $v.FilePrivatePart }`,
    `"${CHECK_TAG} computer=$c dll=$d"`,
    "$r = 'absent'; $e = @(Get-EventLog -LogName Application -Source MsiInstaller -ErrorAction SilentlyContinue | Where-Object { $_.EventID -eq 1022 -and $_.Message -match 'KB954960' }); if ($e.Count -gt 0) { $r = 'present ' + $e[0].TimeGenerated.ToString('yyyy-MM-dd') }",
    `"${CHECK_TAG} computer=$c event1022=$r"`,
  ],
  cmd: [
    `for /f "tokens=3" %v in ('reg query "${SETUP_KEY}" /v VersionString 2^>nul ^| find "VersionString"') do @echo ${CHECK_TAG} computer=%COMPUTERNAME% wsus=%v`,
    `reg query "${SETUP_KEY}" /v VersionString >nul 2>&1 || echo ${CHECK_TAG} computer=%COMPUTERNAME% wsus=absent`,
    String.raw`for /f "tokens=2 delims==" %v in ('wmic datafile where "name='%ProgramFiles:\=\\%\\` +
      DLL_UNDER_PROGRAM_FILES.replace(/\\/g, '\\\\') +
      `'" get Version /value 2^>nul ^| find "="') do @echo ${CHECK_TAG} computer=%COMPUTERNAME% dll=%v`,
    `if not exist "%ProgramFiles%\\${DLL_UNDER_PROGRAM_FILES}" echo ${CHECK_TAG} computer=%COMPUTERNAME% dll=absent`,
    `wmic ntevent where "LogFile='Application' and SourceName='MsiInstaller' and EventCode=1022" get Message 2>nul | find "KB954960" >nul && echo ${CHECK_TAG} computer=%COMPUTERNAME% event1022=present || echo ${CHECK_TAG} computer=%COMPUTERNAME% event1022=absent`,
  ],
} as const satisfies Record<string, readonly string[]>;

/** Single commands the replies quote inline. */
export const VERIFY_COMMANDS = {
  registryVersion: String.raw`reg query "${SETUP_KEY}" /v VersionString`,
  clientDetect: 'wuauclt /detectnow',
} as const;
