// No words for people written into a view: every string a component shows comes from the catalogs
// (src/renderer/src/i18n) through t(). An AST check over the components (TypeScript's own parser): JSX text, string
// attributes and any string or template literal that reads as words fail; symbols and identifiers pass.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const RENDERER = join(ROOT, 'src/renderer/src')

/** The views: every component, the app shell, and the modules that build words for them. */
function viewFiles(): string[] {
  const components = readdirSync(join(RENDERER, 'components'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => join(RENDERER, 'components', f))
  return [...components, join(RENDERER, 'App.tsx')]
}

/** Text that is not words: symbols and punctuation the catalogs need not carry. */
const SYMBOLS = new Set(['—', '…', '×', '·', '/', '•', '%', '✓', '+', '−', '-', ':', '(', ')', '|'])
/** Keyboard key names (KeyboardEvent.key), compared against, never shown. */
const KEY_NAMES = /^(Ctrl F|Ctrl|⌘F|Enter|Escape|Tab|Home|End|PageUp|PageDown|ArrowUp|ArrowDown|ArrowLeft|ArrowRight|Backspace|Delete|Shift|Control|Meta|Alt|Space)$/
/** Attributes whose string values are never shown to people. */
const NON_TEXT_ATTRS = new Set(['className', 'type', 'name', 'id', 'role', 'key', 'htmlFor', 'autoComplete', 'inputMode', 'lang', 'dir', 'rel', 'target', 'src', 'href', 'method', 'accept', 'spellCheck', 'loading', 'decoding', 'draggable', 'tabIndex', 'aria-live', 'aria-haspopup', 'aria-current', 'aria-sort', 'aria-orientation', 'aria-autocomplete', 'aria-controls', 'aria-labelledby', 'aria-describedby', 'aria-hidden', 'width', 'height', 'viewBox', 'd', 'fill', 'stroke', 'strokeWidth', 'strokeLinecap', 'strokeLinejoin', 'xmlns', 'icon', 'tone', 'mode', 'kind', 'variant', 'size', 'align', 'placement', 'value', 'defaultValue', 'form', 'enterKeyHint', 'style'])

/** Does this text read as words for a person? */
function isWords(raw: string): boolean {
  const s = raw.replace(/\$\{[^}]*\}/g, ' ').trim()
  if (s === '' || SYMBOLS.has(s) || !/\p{L}/u.test(s)) return false
  if (/[\u3400-\u9fff]/.test(s)) return true
  // identifiers, enum values, CSS class lists, channel names, codes: 'dark', 'btn btn-small', 'tasks:add', 'NOT_FOUND'
  if (/^[a-z0-9_:.\-/]+(\s+[a-z0-9_:.\-/]+)*$/.test(s) || /^[A-Z0-9_]+$/.test(s) || KEY_NAMES.test(s)) return false
  // a camelCase identifier ('addedDesc')
  if (/^[a-z]+([A-Z][a-z0-9]*)+$/.test(s)) return false
  // a CSS function built in a template: `translateY(${y}px)`
  if (/^[a-z][a-zA-Z]*\([^)]*\)$/.test(s)) return false
  // a catalog key ('settings.enterWhole'), SVG path data
  if (/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(s) || /^[Mm][\d\s.,MmLlHhVvCcSsQqTtAaZz-]+$/.test(s)) return false
  // a file extension list or a MIME type is data
  if (/^(\.[a-z0-9]+[ ,]*)+$/i.test(s) || /^[a-z]+\/[a-z0-9.+-]+$/i.test(s)) return false
  return true
}

interface Finding {
  file: string
  line: number
  text: string
}

/** Calls whose arguments are not shown: the translator itself, logs, errors thrown for developers. */
function isExcludedCall(node: ts.Node): boolean {
  // through a choice between keys: t(integer ? 'a.b' : 'a.c')
  let call = node.parent
  while (call && (ts.isConditionalExpression(call) || ts.isParenthesizedExpression(call))) call = call.parent
  if (!call || !ts.isCallExpression(call)) return false
  const callee = call.expression.getText()
  return /^(t|i18n\.t|console\.\w+|useTranslation|call|matchMedia|document\.\w+|\w+\.(querySelector|querySelectorAll|closest|getAttribute|setAttribute|addEventListener|removeEventListener|startsWith|endsWith|includes|split|join|replace))$/.test(callee)
}

function check(file: string): Finding[] {
  const text = readFileSync(file, 'utf8')
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const findings: Finding[] = []
  const report = (node: ts.Node, value: string): void => {
    findings.push({ file: relative(ROOT, file), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: value.trim().slice(0, 60) })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node) || ts.isTypeNode(node)) return
    if (ts.isJsxText(node)) {
      if (isWords(node.text)) report(node, node.text)
      return
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf)
      if (NON_TEXT_ATTRS.has(name) || name.startsWith('data-')) return
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const parent = node.parent
      const isKey = parent && (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node
      const isCompared = parent && ts.isBinaryExpression(parent) && /^(===|!==|==|!=)$/.test(parent.operatorToken.getText(sf))
      const isCase = parent && ts.isCaseClause(parent)
      if (!isKey && !isCompared && !isCase && !isExcludedCall(node) && isWords(node.text)) report(node, node.text)
      return
    }
    if (ts.isTemplateExpression(node)) {
      if (!isExcludedCall(node)) {
        const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ${} ')
        if (isWords(parts)) report(node, node.getText(sf))
      }
      node.templateSpans.forEach((s) => visit(s.expression))
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return findings
}

describe('components show no hard-coded words', () => {
  it('finds none outside the catalogs', () => {
    const findings = viewFiles().flatMap(check)
    expect(findings.map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`)).toEqual([])
  })

  it('catches what it must (the check itself)', () => {
    expect(isWords('Remove key')).toBe(true)
    expect(isWords('Close')).toBe(true)
    expect(isWords('任务')).toBe(true)
    expect(isWords('Saved: ${n}.')).toBe(true)
    expect(isWords('btn btn-small')).toBe(false)
    expect(isWords('settings.title')).toBe(false)
    expect(isWords('ArrowDown')).toBe(false)
    expect(isWords('—')).toBe(false)
    expect(isWords('NOT_FOUND')).toBe(false)
  })
})
