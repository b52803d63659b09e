import type { Source } from './rule.js';

/*
 * The sources the rules and the problem packs cite, one place each: a rule's `sources` and a pack's `source` point
 * here, so one article is spelled (and corrected) once. Facts: docs/kb954960.md and docs/wu-errors.md; docs/problem-packs.md
 * lists the packs with their sources.
 */

export const KB954960_ARTICLE: Source = {
  title: 'Some computers do not receive updates from the WSUS server (KB954960)',
  url: 'http://support.microsoft.com/kb/954960/',
};
export const ADVISORY_954960: Source = {
  title: 'Microsoft Security Advisory 954960',
  url: 'https://learn.microsoft.com/en-us/security-updates/securityadvisories/2008/954960',
};
export const KB3090184: Source = {
  title: 'Troubleshoot software update scan failures (KB 3090184)',
  url: 'https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/troubleshoot-software-update-scan-failures',
};
export const KB4025764: Source = {
  title: 'Troubleshoot WSUS connection failures (KB 4025764)',
  url: 'https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/troubleshoot-wsus-connection-failures',
};
export const KB4096317: Source = {
  title: 'Error 80244007 when a WSUS client scans for updates (KB 4096317)',
  url: 'https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/error-80244007-when-wsus-client-scans-updates',
};
export const WINCM_SIMPLEAUTH: Source = {
  title: 'wincm.ch, 2016-07-22: WSUS – Vorsicht mit den Hotfixes KB3159706 oder KB3148812',
  url: 'https://www.wincm.ch/2016/07/22/wsus-vorsicht-mit-den-hotfixes-kb315970-oder-kb3148812',
};
export const KB4482416: Source = {
  title: 'WSUS synchronization fails with SoapException (KB 4482416)',
  url: 'https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/wsus-synchronization-fails-with-soapexception',
};
export const KB909131: Source = { title: 'Client computers do not report back to the WSUS server (KB 909131)', url: 'https://support.microsoft.com/kb/909131' };
export const WSUS_BLOG_ROUND_TRIPS: Source = {
  title: 'WSUS team blog, 2008-09-18: WSUS clients fail with WARNING: SyncServerUpdatesInternal failed: 0x80244010',
  url: 'https://learn.microsoft.com/archive/blogs/sus/wsus-clients-fail-with-warning-syncserverupdatesinternal-failed-0x80244010',
};
export const KB900935: Source = {
  title: 'How the Windows Update client determines which proxy server to use (KB 900935)',
  url: 'https://learn.microsoft.com/troubleshoot/windows-server/installing-updates-features-roles/windows-update-client-determines-proxy-server-connect',
};
export const KB4484071: Source = {
  title: 'SHA-2 support for Windows Server Update Services 3.0 SP2 (KB4484071)',
  url: 'https://support.microsoft.com/help/4484071',
};
export const KB4014345: Source = {
  title: 'How to block user access to Windows Update (KB 4014345)',
  url: 'https://learn.microsoft.com/troubleshoot/windows-server/installing-updates-features-roles/block-user-access-windows-update',
};
export const MS_0X80072F8F: Source = {
  title: 'Troubleshoot Windows Update error 0x80072f8f',
  url: 'https://learn.microsoft.com/troubleshoot/windows-server/installing-updates-features-roles/troubleshoot-windows-update-error-0x80072f8f',
};
export const WU_COMMON_ERRORS: Source = {
  title: 'Windows Update common errors and mitigation',
  url: 'https://learn.microsoft.com/windows/deployment/update/windows-update-errors',
};
export const WU_ERROR_REFERENCE: Source = {
  title: 'Windows Update error codes by component',
  url: 'https://learn.microsoft.com/windows/deployment/update/windows-update-error-reference',
};
export const TECHNET_WIKI_4165: Source = {
  title: 'WSUS Troubleshooting: File cert verification failure - 2148204800 (0x800b0100) (TechNet Wiki 4165)',
  url: 'https://learn.microsoft.com/archive/technet-wiki/4165.wsus-troubleshooting-file-cert-verification-failure-2148204800-0x800b0100',
};
