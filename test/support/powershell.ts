/**
 * A real PowerShell grammar (tree-sitter-powershell's wasm, loaded by web-tree-sitter, offline) for the scripts the
 * repo ships: a parse with no ERROR or MISSING node is well-formed, and a walk names what PowerShell 2.0 (WSUS 3.0 on
 * Windows Server 2003/2008) would not run.
 */
import { createRequire } from 'node:module';
import { Language, type Node, Parser } from 'web-tree-sitter';

let parser: Parser | undefined;

export async function powershellParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
  const p = new Parser();
  p.setLanguage(await Language.load(wasm));
  parser = p;
  return p;
}

export interface Problem {
  readonly line: number;
  readonly what: string;
}

function* nodes(n: Node): Generator<Node> {
  yield n;
  for (const c of n.children) if (c) yield* nodes(c);
}

/** Syntax errors: ERROR and MISSING nodes, with their lines. */
export function syntaxErrors(root: Node): Problem[] {
  const out: Problem[] = [];
  for (const n of nodes(root)) {
    if (n.type === 'ERROR') out.push({ line: n.startPosition.row + 1, what: `syntax error at ${JSON.stringify(n.text.slice(0, 40))}` });
    else if (n.isMissing) out.push({ line: n.startPosition.row + 1, what: `missing ${n.type}` });
  }
  return out;
}

// What PowerShell 3.0 and later added (and scripts for 2.0 must not use), by how the grammar names it.
const PS3_COMMANDS = new Set(
  [
    'ConvertTo-Json',
    'ConvertFrom-Json',
    'Invoke-RestMethod',
    'Invoke-WebRequest',
    'Get-CimInstance',
    'Invoke-CimMethod',
    'Register-ScheduledTask',
    'New-ScheduledTaskAction',
    'New-ScheduledTaskTrigger',
  ].map((s) => s.toLowerCase()),
);
const PS3_TYPES = new Set(['ordered', 'pscustomobject']);
const PS3_VARIABLES = new Set(['$psitem', '$psscriptroot', '$pscommandpath']);
const PS3_OPERATORS = new Set(['-in', '-notin', '-shl', '-shr']);
const PS3_PARAMETERS = new Set(['-nonewline']);
const PS4_METHODS = new Set(['where', 'foreach']);

/** Constructs PowerShell 2.0 does not know, with their lines. */
export function ps3Constructs(root: Node): Problem[] {
  const out: Problem[] = [];
  const say = (n: Node, what: string) => out.push({ line: n.startPosition.row + 1, what });
  for (const n of nodes(root)) {
    const text = n.text.trim();
    const lower = text.toLowerCase();
    switch (n.type) {
      case 'command_name':
        if (PS3_COMMANDS.has(lower)) say(n, `${text} (PowerShell 3.0+)`);
        break;
      case 'type_name':
        if (PS3_TYPES.has(lower)) say(n, `[${text}] (PowerShell 3.0+)`);
        break;
      case 'variable':
        if (PS3_VARIABLES.has(lower)) say(n, `${text} (PowerShell 3.0+ outside modules)`);
        break;
      case 'comparison_operator':
        if (PS3_OPERATORS.has(lower)) say(n, `${text} (PowerShell 3.0+)`);
        break;
      case 'command_parameter':
        if (PS3_PARAMETERS.has(lower)) say(n, `${text} (PowerShell 5.0+)`);
        break;
      case 'member_name': {
        const before = n.previousSibling?.type;
        const after = n.nextSibling?.type;
        if (before === '::' && lower === 'new') say(n, '::new() (PowerShell 5.0+)');
        else if (before === '.' && (after === '(' || after === 'argument_list') && PS4_METHODS.has(lower)) say(n, `.${text}() (PowerShell 4.0+)`);
        break;
      }
      case 'comment':
        if (/^#requires\b.*-runasadministrator/i.test(text)) say(n, '#Requires -RunAsAdministrator (PowerShell 4.0+)');
        break;
    }
  }
  return out;
}
