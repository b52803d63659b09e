/**
 * The KB954960 facts the bot states: links, versions, paths and the commands it hands to admins.
 * Source: shared/KB954960.md. Keep them exact; everything user-facing takes them from here.
 */
import type { Lang } from './detect/types.js';

export const KB = 'KB954960' as const;

const FAMILY_ID = '6aa8a49d-170c-4077-8b9b-61f7bf5a1281';

export const LINKS = {
  advisory: 'http://www.microsoft.com/japan/technet/security/advisory/954960.mspx',
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
  return { download: LINKS.download[lang], kb: LINKS.kb, advisory: LINKS.advisory };
}

/** The client web service DLL build that carries the fix. */
export const FIXED_DLL_VERSION = '3.1.6001.66';

/**
 * Commands to run on the WSUS server. Each prints ONE line holding both what it measured and the value, so that
 * pasting the output back to the bot is unambiguous (the rules read these lines: wsus-build-version, msiinstaller-1022).
 */
export const VERIFY_COMMANDS = {
  powershellDll: String.raw`"Microsoft.UpdateServices.WebServices.Client.dll " + (Get-Item "$env:ProgramFiles\Update Services\WebServices\ClientWebService\bin\Microsoft.UpdateServices.WebServices.Client.dll").VersionInfo.FileVersion`,
  powershellEvent: String.raw`Get-EventLog -LogName Application -Source MsiInstaller | Where-Object { $_.EventID -eq 1022 -and $_.Message -match 'KB954960' } | ForEach-Object { "MsiInstaller 1022 $($_.TimeGenerated) $($_.Message)" }`,
  wmicDll: String.raw`wmic datafile where name="C:\\Program Files\\Update Services\\WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.dll" get Name,Version`,
  wmicEvent: String.raw`wmic ntevent where "LogFile='Application' and SourceName='MsiInstaller' and EventCode=1022" get EventCode,TimeGenerated,Message | findstr KB954960`,
  registryVersion: String.raw`reg query "HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup" /v VersionString`,
  clientDetect: 'wuauclt /detectnow',
} as const;
