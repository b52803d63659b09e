import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { reportSchema } from '../src/fleet/report.js';
import { powershellParser, ps3Constructs, syntaxErrors } from './support/powershell.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function shipped(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...shipped(p));
    else if (e.name.toLowerCase().endsWith('.ps1')) out.push(relative(root, p));
  }
  return out.sort();
}

const scripts = shipped(root);

describe('shipped PowerShell scripts', () => {
  test('the reporting script is among them', () => {
    expect(scripts).toContain(join('scripts', 'windows', 'Send-KB954960Report.ps1'));
  });

  test.each(scripts)('%s parses clean and uses nothing PowerShell 2.0 lacks', async (file) => {
    const tree = (await powershellParser()).parse(readFileSync(join(root, file), 'utf8'))!;
    expect(syntaxErrors(tree.rootNode)).toEqual([]);
    expect(ps3Constructs(tree.rootNode)).toEqual([]);
  });
});

describe('the checks catch what they are for', () => {
  const parse = async (src: string) => (await powershellParser()).parse(src)!.rootNode;

  test('a broken script fails the parse', async () => {
    expect(syntaxErrors(await parse('function Send-It {\n  if ($x) { "a"\n}\n')).length).toBeGreaterThan(0);
    expect(syntaxErrors(await parse('$a = @(1, 2\n$b = 3\n')).length).toBeGreaterThan(0);
    expect(syntaxErrors(await parse('function Send-It {\n  if ($x) { "a" }\n}\n'))).toEqual([]);
  });

  test.each([
    ['$body = $report | ConvertTo-Json -Depth 5', 'ConvertTo-Json (PowerShell 3.0+)'],
    ['Invoke-RestMethod -Uri $u -Method Post -Body $b', 'Invoke-RestMethod (PowerShell 3.0+)'],
    ['$o = [pscustomobject]@{ a = 1 }', '[pscustomobject] (PowerShell 3.0+)'],
    ['$h = [ordered]@{ a = 1 }', '[ordered] (PowerShell 3.0+)'],
    ['if ($code -in $known) { }', '-in (PowerShell 3.0+)'],
    ['if ($code -notin $known) { }', '-notin (PowerShell 3.0+)'],
    ['1..3 | ForEach-Object { $PSItem }', '$PSItem (PowerShell 3.0+ outside modules)'],
    ['$here = $PSScriptRoot', '$PSScriptRoot (PowerShell 3.0+ outside modules)'],
    ['$sb = [System.Text.StringBuilder]::new()', '::new() (PowerShell 5.0+)'],
    ['$x = $list.Where({ $_ -gt 1 })', '.Where() (PowerShell 4.0+)'],
    ['Get-CimInstance Win32_OperatingSystem', 'Get-CimInstance (PowerShell 3.0+)'],
    ['"a" | Out-File x.txt -NoNewline', '-NoNewline (PowerShell 5.0+)'],
    ['#Requires -RunAsAdministrator\n"x"', '#Requires -RunAsAdministrator (PowerShell 4.0+)'],
  ])('%s is refused', async (src, what) => {
    expect(ps3Constructs(await parse(src)).map((p) => p.what)).toEqual([what]);
  });

  test('the PowerShell 2.0 ways pass', async () => {
    const src = [
      '$sb = New-Object System.Text.StringBuilder',
      '$o = New-Object PSObject -Property @{ a = 1 }',
      'if ($known -contains $code) { }',
      '1..3 | ForEach-Object { $_ }',
      '$here = Split-Path -Parent $MyInvocation.MyCommand.Definition',
      '$wc = New-Object System.Net.WebClient',
    ].join('\n');
    expect(ps3Constructs(await parse(src))).toEqual([]);
  });
});

describe('the JSON the script writes', () => {
  /** The object keys the script writes: every `"key":` inside its string literals. */
  const script = readFileSync(join(root, 'scripts/windows/Send-KB954960Report.ps1'), 'utf8');
  const written = new Set([...script.matchAll(/[{,]"([A-Za-z0-9]+)":/g)].map((m) => m[1]!));

  /** Every key the schema knows, at any depth. */
  function schemaKeys(s: any, into = new Set<string>()): Set<string> {
    const def = s?._zod?.def;
    if (!def) return into;
    if (def.type === 'object')
      for (const [k, v] of Object.entries(def.shape)) {
        into.add(k);
        schemaKeys(v, into);
      }
    for (const inner of [def.innerType, def.element, def.in, def.out, def.schema]) if (inner) schemaKeys(inner, into);
    return into;
  }
  const known = schemaKeys(reportSchema);

  test('every key it writes is one the schema reads', () => {
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((k) => !known.has(k))).toEqual([]);
  });

  test('every key the schema reads is one it writes', () => {
    expect([...known].filter((k) => !written.has(k)).sort()).toEqual([]);
  });

  test('it names the schema the listener checks', () => {
    expect(script).toContain(`$Schema = '${reportSchema.shape.schema.value}'`);
  });
});
