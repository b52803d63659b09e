<#
.SYNOPSIS
  Sends this WSUS server's own report (kb954960.report/1) to the kb954960 bot, signed with its enrolment key.

.DESCRIPTION
  Runs on the WSUS server, once a day (see -Install). Reads what an admin would otherwise paste:
    - the WSUS version (registry VersionString), the client web service DLL's file version, MsiInstaller event 1022;
    - the lines SoftwareDistribution.log gained since the last report (the offset is kept in a state file);
    - every client: last sync time and result, last status report, and the error codes of its recent update events
      (Microsoft.UpdateServices.Administration: GetComputerTargets, GetUpdateEventHistory).
  and sends them as JSON to POST <Url>/ingest/v1/reports, signed with HMAC-SHA256 over "v1:" + timestamp + ":" + body.

  Works with PowerShell 2.0 (WSUS 3.0 on Windows Server 2003 and 2008) through 5.1, and .NET 2.0/3.5 classes only:
  the JSON is written by hand, the request goes through System.Net.WebClient.

.PARAMETER Url
  The bot's ingest address, e.g. http://kb954960.corp.example:8088 (the path is added).

.PARAMETER Key
  The key `kb954960 enroll NAME` printed. With -Install it is saved in the state folder (readable by SYSTEM and
  Administrators only) and the task reads it from there, so it never appears on a command line.

.PARAMETER ServerName
  The name this server was enrolled under (default: the computer name).

.PARAMETER OutFile
  Write the signed-off report to this file instead of sending it (for sites whose WSUS servers cannot reach the bot;
  carry the file over and run `kb954960 ingest FILE`).

.PARAMETER Install
  Save Url, Key, ServerName and OutFile in the state folder and register a daily scheduled task (schtasks.exe) that
  runs this script as SYSTEM at -At (default 06:00).

.PARAMETER StateDir
  Where the key, the settings and the log offset are kept (default: %ALLUSERSPROFILE%\KB954960).

.EXAMPLE
  .\Send-KB954960Report.ps1 -Install -Url http://kb954960.corp.example:8088 -Key <key>

.EXAMPLE
  .\Send-KB954960Report.ps1 -OutFile D:\transfer\wsus01-report.json
#>
param(
  [string]$Url = '',
  [string]$Key = '',
  [string]$ServerName = '',
  [string]$OutFile = '',
  [switch]$Install,
  [ValidatePattern('^([01][0-9]|2[0-3]):[0-5][0-9]$')]
  [string]$At = '06:00',
  [string]$StateDir = '',
  [int]$HistoryDays = 7,
  [int]$MaxLogBytes = 4194304
)

$ErrorActionPreference = 'Stop'
$Schema = 'kb954960.report/1'
$TaskName = 'KB954960-Report'
$Invariant = [System.Globalization.CultureInfo]::InvariantCulture

if ($StateDir -eq '') { $StateDir = Join-Path $env:ALLUSERSPROFILE 'KB954960' }
$KeyFile = Join-Path $StateDir 'report.key'
$SettingsFile = Join-Path $StateDir 'settings.txt'
$StateFile = Join-Path $StateDir 'state.txt'

# ── small helpers (PowerShell 2.0: no ConvertTo-Json, no [ordered], no ::new()) ──────────────────────────────────

function Write-Note([string]$text) {
  Write-Host ('KB954960 report: ' + $text)
}

# A JSON string literal. Backslash and quote first, then the control characters JSON forbids raw.
function ConvertTo-JsonText([string]$s) {
  if ($s -eq $null) { return 'null' }
  $t = $s.Replace('\', '\\').Replace('"', '\"').Replace("`r", '\r').Replace("`n", '\n').Replace("`t", '\t')
  if ([System.Text.RegularExpressions.Regex]::IsMatch($t, '[\x00-\x1F\u2028\u2029]')) {
    $sb = New-Object System.Text.StringBuilder
    foreach ($ch in $t.ToCharArray()) {
      $n = [int]$ch
      if ($n -lt 32 -or $n -eq 0x2028 -or $n -eq 0x2029) { [void]$sb.Append('\u' + $n.ToString('x4')) } else { [void]$sb.Append($ch) }
    }
    $t = $sb.ToString()
  }
  return '"' + $t + '"'
}

# An instant as ISO 8601 UTC; null for "never" (the API says DateTime.MinValue).
function ConvertTo-JsonTime($d) {
  if ($d -eq $null) { return 'null' }
  $dt = [DateTime]$d
  if ($dt -le [DateTime]::MinValue.AddDays(1)) { return 'null' }
  # The administration API hands out UTC times; a Local one (event log) is converted.
  if ($dt.Kind -eq [DateTimeKind]::Local) { $dt = $dt.ToUniversalTime() }
  return '"' + $dt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $Invariant) + '"'
}

function Read-Settings([string]$path) {
  $h = @{}
  if (Test-Path -LiteralPath $path) {
    foreach ($line in [System.IO.File]::ReadAllLines($path)) {
      $i = $line.IndexOf('=')
      if ($i -gt 0) { $h[$line.Substring(0, $i)] = $line.Substring($i + 1) }
    }
  }
  return $h
}

function Write-Settings([string]$path, $h) {
  $lines = New-Object System.Collections.ArrayList
  foreach ($k in $h.Keys) { [void]$lines.Add($k + '=' + $h[$k]) }
  [System.IO.File]::WriteAllLines($path, [string[]]$lines.ToArray())
}

# The key file and the state folder: SYSTEM and Administrators only (cacls exists on 2003; icacls may not).
function Protect-Path([string]$path) {
  $out = cmd.exe /c ('echo y| cacls "' + $path + '" /G SYSTEM:F Administrators:F 2>&1')
  if ($LASTEXITCODE -ne 0) { Write-Note ('could not restrict ' + $path + ': ' + ($out -join ' ')) }
}

# ── what this server knows of itself ─────────────────────────────────────────────────────────────────────────────

function Get-ProgramFiles {
  $pf = $env:ProgramW6432
  if (-not $pf) { $pf = $env:ProgramFiles }
  return $pf
}

function Get-WsusSetup {
  $setup = Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Update Services\Server\Setup' -ErrorAction SilentlyContinue
  return $setup
}

function Get-InstallDir($setup) {
  if ($setup -and $setup.TargetDir) { return [string]$setup.TargetDir }
  return (Join-Path (Get-ProgramFiles) 'Update Services')
}

# The DLL's version from its numeric parts: FileVersion is free text.
function Get-DllVersion([string]$installDir) {
  $f = Join-Path $installDir 'WebServices\ClientWebService\bin\Microsoft.UpdateServices.WebServices.Client.dll'
  if (-not (Test-Path -LiteralPath $f)) { return $null }
  $v = (Get-Item -LiteralPath $f).VersionInfo
  return ('{0}.{1}.{2}.{3}' -f $v.FileMajorPart, $v.FileMinorPart, $v.FileBuildPart, $v.FilePrivatePart)
}

# The date of MsiInstaller event 1022 for KB954960 (the fix installed), or $null.
function Get-FixEventDate {
  $e = @(Get-EventLog -LogName Application -Source MsiInstaller -ErrorAction SilentlyContinue |
    Where-Object { $_.EventID -eq 1022 -and $_.Message -match 'KB954960' })
  if ($e.Count -eq 0) { return $null }
  return $e[0].TimeGenerated.ToString('yyyy-MM-dd', $Invariant)
}

# The lines SoftwareDistribution.log gained since $offset: at most $max bytes (the newest), whole lines only.
# Returns @(text, newOffset). A log shorter than the offset was rotated: it is read from its start.
function Read-LogSince([string]$path, [long]$offset, [int]$max) {
  if (-not (Test-Path -LiteralPath $path)) { return @($null, $offset) }
  $fs = New-Object System.IO.FileStream($path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
  try {
    $len = $fs.Length
    if ($offset -gt $len) { $offset = 0 }
    $start = $offset
    if ($len - $start -gt $max) { $start = $len - $max }
    $count = [int]($len - $start)
    if ($count -le 0) { return @('', $len) }
    $buf = New-Object byte[] $count
    [void]$fs.Seek($start, [System.IO.SeekOrigin]::Begin)
    $read = 0
    while ($read -lt $count) {
      $n = $fs.Read($buf, $read, $count - $read)
      if ($n -le 0) { break }
      $read += $n
    }
    # Stop after the last complete line: the rest is read next time, when it is whole.
    $end = $read
    while ($end -gt 0 -and $buf[$end - 1] -ne 10) { $end-- }
    $text = [System.Text.Encoding]::UTF8.GetString($buf, 0, $end)
    return @($text, ($start + $end))
  } finally {
    $fs.Close()
  }
}

# Every client with its sync times and the error codes of its update events since $since.
function Get-ClientsJson($since) {
  [void][System.Reflection.Assembly]::LoadWithPartialName('Microsoft.UpdateServices.Administration')
  $wsus = [Microsoft.UpdateServices.Administration.AdminProxy]::GetUpdateServer()
  $targets = $wsus.GetComputerTargets()

  # ComputerId → (code → @(count, last)) from the update events that carry an error code.
  $errors = @{}
  $events = $wsus.GetUpdateEventHistory($since, [DateTime]::UtcNow)
  foreach ($ev in $events) {
    if ($ev.ErrorCode -eq 0) { continue }
    $id = [string]$ev.ComputerId
    if (-not $errors.ContainsKey($id)) { $errors[$id] = @{} }
    $code = '0x' + ([int]$ev.ErrorCode).ToString('X8')
    $per = $errors[$id]
    if ($per.ContainsKey($code)) {
      $per[$code][0] = $per[$code][0] + 1
      if ($ev.CreationDate -gt $per[$code][1]) { $per[$code][1] = $ev.CreationDate }
    } else {
      $per[$code] = @(1, $ev.CreationDate)
    }
  }

  $sb = New-Object System.Text.StringBuilder
  $first = $true
  foreach ($t in $targets) {
    if (-not $first) { [void]$sb.Append(',') }
    $first = $false
    [void]$sb.Append('{"name":').Append((ConvertTo-JsonText ([string]$t.FullDomainName)))
    [void]$sb.Append(',"lastSync":').Append((ConvertTo-JsonTime $t.LastSyncTime))
    [void]$sb.Append(',"lastSyncResult":').Append((ConvertTo-JsonText ([string]$t.LastSyncResult)))
    [void]$sb.Append(',"lastReported":').Append((ConvertTo-JsonTime $t.LastReportedStatusTime))
    $id = [string]$t.Id
    if ($errors.ContainsKey($id)) {
      [void]$sb.Append(',"errors":[')
      $firstError = $true
      foreach ($code in $errors[$id].Keys) {
        if (-not $firstError) { [void]$sb.Append(',') }
        $firstError = $false
        $e = $errors[$id][$code]
        [void]$sb.Append('{"code":"').Append($code).Append('","count":').Append([string]$e[0])
        [void]$sb.Append(',"last":').Append((ConvertTo-JsonTime $e[1])).Append('}')
      }
      [void]$sb.Append(']')
    }
    [void]$sb.Append('}')
  }
  return ('{"total":' + [string]$targets.Count + ',"items":[' + $sb.ToString() + ']}')
}

# ── sending ──────────────────────────────────────────────────────────────────────────────────────────────────────

function Get-UnixTime {
  $epoch = New-Object DateTime(1970, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
  return [long][Math]::Floor(([DateTime]::UtcNow - $epoch).TotalSeconds)
}

function Get-Signature([string]$key, [string]$timestamp, [byte[]]$body) {
  $hmac = New-Object System.Security.Cryptography.HMACSHA256
  $hmac.Key = [System.Text.Encoding]::UTF8.GetBytes($key)
  $prefix = [System.Text.Encoding]::UTF8.GetBytes('v1:' + $timestamp + ':')
  $all = New-Object byte[] ($prefix.Length + $body.Length)
  [System.Array]::Copy($prefix, 0, $all, 0, $prefix.Length)
  [System.Array]::Copy($body, 0, $all, $prefix.Length, $body.Length)
  $hash = $hmac.ComputeHash($all)
  $sb = New-Object System.Text.StringBuilder
  foreach ($b in $hash) { [void]$sb.Append($b.ToString('x2')) }
  return ('v1=' + $sb.ToString())
}

function Compress-Bytes([byte[]]$bytes) {
  $ms = New-Object System.IO.MemoryStream
  $gz = New-Object System.IO.Compression.GZipStream($ms, [System.IO.Compression.CompressionMode]::Compress)
  $gz.Write($bytes, 0, $bytes.Length)
  $gz.Close()
  return $ms.ToArray()
}

# POST with retries: a refusal (4xx but 408/429) is final, a network error or 5xx is tried again after a pause.
function Send-Report([string]$url, [string]$server, [string]$key, [byte[]]$body) {
  $target = $url.TrimEnd('/') + '/ingest/v1/reports'
  $gzip = $body.Length -gt 65536
  $wire = $body
  if ($gzip) { $wire = Compress-Bytes $body }
  try {
    # TLS 1.2 where the .NET installed knows it (3072); older ones keep their default.
    [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.SecurityProtocolType]3072 -bor [System.Net.SecurityProtocolType]::Tls
  } catch { }
  $pauses = @(0, 30, 120, 600)
  $last = ''
  foreach ($pause in $pauses) {
    if ($pause -gt 0) { Start-Sleep -Seconds $pause }
    $ts = [string](Get-UnixTime)
    $wc = New-Object System.Net.WebClient
    $wc.Headers.Add('Content-Type', 'application/json; charset=utf-8')
    $wc.Headers.Add('X-KB954960-Server', $server)
    $wc.Headers.Add('X-KB954960-Timestamp', $ts)
    # The signature covers the bytes sent (gzip'd or not), so the bot checks it before it expands anything.
    $wc.Headers.Add('X-KB954960-Signature', (Get-Signature $key $ts $wire))
    if ($gzip) { $wc.Headers.Add('Content-Encoding', 'gzip') }
    try {
      $answer = $wc.UploadData($target, 'POST', $wire)
      Write-Note ('sent: ' + [System.Text.Encoding]::UTF8.GetString($answer))
      return $true
    } catch [System.Net.WebException] {
      $r = $_.Exception.Response
      $last = $_.Exception.Message
      if ($r -ne $null) {
        $status = [int]$r.StatusCode
        $reader = New-Object System.IO.StreamReader($r.GetResponseStream())
        $last = [string]$status + ' ' + $reader.ReadToEnd()
        $reader.Close()
        if ($status -ge 400 -and $status -lt 500 -and $status -ne 408 -and $status -ne 429) {
          Write-Note ('refused: ' + $last)
          return $false
        }
      }
      Write-Note ('not sent (' + $last + '), trying again')
    }
  }
  Write-Note ('gave up: ' + $last)
  return $false
}

# ── -Install: settings, key, daily task ──────────────────────────────────────────────────────────────────────────

if (-not (Test-Path -LiteralPath $StateDir)) { [void](New-Item -ItemType Directory -Path $StateDir) }
$settings = Read-Settings $SettingsFile

if ($Install) {
  if ($Url -eq '' -and $OutFile -eq '') { throw 'Give -Url (or -OutFile for a site that cannot reach the bot).' }
  if ($Url -ne '' -and $Key -eq '') { throw 'Give -Key: the key kb954960 enroll printed.' }
  if ($ServerName -eq '') { $ServerName = $env:COMPUTERNAME }
  $settings['url'] = $Url
  $settings['server'] = $ServerName
  $settings['outfile'] = $OutFile
  Write-Settings $SettingsFile $settings
  if ($Key -ne '') {
    [System.IO.File]::WriteAllText($KeyFile, $Key)
    Protect-Path $KeyFile
  }
  $self = $MyInvocation.MyCommand.Definition
  $run = 'powershell.exe -NoProfile -ExecutionPolicy Bypass -File "' + $self + '"'
  # schtasks on 2003 has no /F on /Create: delete any older task first.
  [void](cmd.exe /c ('schtasks.exe /Delete /TN ' + $TaskName + ' /F 2>&1'))
  # 2003's schtasks wants HH:MM:SS, later ones HH:MM.
  $start = $At
  if ([Environment]::OSVersion.Version.Major -lt 6) { $start = $At + ':00' }
  $out = schtasks.exe /Create /TN $TaskName /TR $run /SC DAILY /ST $start /RU SYSTEM 2>&1
  if ($LASTEXITCODE -ne 0) { throw ('schtasks.exe failed: ' + ($out -join ' ')) }
  Write-Note ('installed: task ' + $TaskName + ' runs daily at ' + $At + ' as SYSTEM')
  return
}

# ── the report ───────────────────────────────────────────────────────────────────────────────────────────────────

if ($Url -eq '') { $Url = [string]$settings['url'] }
if ($ServerName -eq '') { $ServerName = [string]$settings['server'] }
if ($ServerName -eq '') { $ServerName = $env:COMPUTERNAME }
if ($OutFile -eq '') { $OutFile = [string]$settings['outfile'] }
if ($Key -eq '' -and (Test-Path -LiteralPath $KeyFile)) { $Key = [System.IO.File]::ReadAllText($KeyFile).Trim() }
if ($OutFile -eq '' -and ($Url -eq '' -or $Key -eq '')) { throw 'No -Url and -Key (run with -Install first, or give -OutFile).' }

$state = Read-Settings $StateFile
$offset = [long]0
if ($state.ContainsKey('logOffset')) { $offset = [long]$state['logOffset'] }
$since = [DateTime]::UtcNow.AddDays(-$HistoryDays)
if ($state.ContainsKey('lastReport')) {
  $prev = [DateTime]::Parse($state['lastReport'], $Invariant, [System.Globalization.DateTimeStyles]::AdjustToUniversal)
  if ($prev -gt $since) { $since = $prev.AddHours(-1) }
}

$setup = Get-WsusSetup
$installDir = Get-InstallDir $setup
$wsusVersion = $null
if ($setup -and $setup.VersionString) { $wsusVersion = [string]$setup.VersionString }
$logPath = Join-Path $installDir 'LogFiles\SoftwareDistribution.log'
$log = Read-LogSince $logPath $offset $MaxLogBytes
$now = [DateTime]::UtcNow

$json = New-Object System.Text.StringBuilder
[void]$json.Append('{"schema":').Append((ConvertTo-JsonText $Schema))
[void]$json.Append(',"id":').Append((ConvertTo-JsonText ([Guid]::NewGuid().ToString())))
[void]$json.Append(',"generated":').Append((ConvertTo-JsonTime $now))
[void]$json.Append(',"server":{"name":').Append((ConvertTo-JsonText $ServerName))
# The DNS name, when the resolver gives one with a domain (a bare name adds nothing to -ServerName).
$fqdn = $null
try { $fqdn = [System.Net.Dns]::GetHostByName($env:COMPUTERNAME).HostName } catch { }
if ($fqdn -and $fqdn.Contains('.')) { [void]$json.Append(',"fqdn":').Append((ConvertTo-JsonText $fqdn)) }
# null: looked for and not there (the bot records "absent"), unlike a key left out (not known).
if ($wsusVersion) { [void]$json.Append(',"wsus":').Append((ConvertTo-JsonText $wsusVersion)) } else { [void]$json.Append(',"wsus":null') }
$dll = Get-DllVersion $installDir
if ($dll) { [void]$json.Append(',"dll":').Append((ConvertTo-JsonText $dll)) } else { [void]$json.Append(',"dll":null') }
$fix = Get-FixEventDate
if ($fix) { [void]$json.Append(',"event1022":').Append((ConvertTo-JsonText $fix)) } else { [void]$json.Append(',"event1022":null') }
[void]$json.Append('}')
if ($log[0]) {
  [void]$json.Append(',"log":{"name":"SoftwareDistribution.log","text":').Append((ConvertTo-JsonText $log[0])).Append('}')
}
try {
  [void]$json.Append(',"clients":').Append((Get-ClientsJson $since))
} catch {
  Write-Note ('clients not read: ' + $_.Exception.Message)
}
[void]$json.Append('}')
$body = (New-Object System.Text.UTF8Encoding($false)).GetBytes($json.ToString())

$done = $false
if ($OutFile -ne '') {
  [System.IO.File]::WriteAllBytes($OutFile, $body)
  Write-Note ('written to ' + $OutFile + ' (' + $body.Length + ' bytes): carry it over and run kb954960 ingest')
  $done = $true
} else {
  $done = Send-Report $Url $ServerName $Key $body
}

# The offset moves only when the report left: a failed send reads the same lines again next time.
if ($done) {
  $state['logOffset'] = [string]$log[1]
  $state['lastReport'] = $now.ToString('o', $Invariant)
  Write-Settings $StateFile $state
} else {
  exit 1
}
