import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// Electron stays at the edge (docs/ARCHITECTURE.md, rule 1): only these files may import it.
const ELECTRON_EDGE_FILES = [
  'src/main/index.ts',
  'src/main/ipc.ts',
  'src/main/protocol.ts',
  'src/main/window.ts',
  'src/main/menu.ts',
  'src/main/dialogs.ts',
  'src/main/notifications.ts',
  'src/preload/**/*.ts',
  'test/e2e/**/*.ts',
  'test/electron/**/*.ts',
  // typed mocks of the electron module
  'test/ipc/**/*.ts'
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only the edge files named in eslint.config.mjs may import electron (docs/ARCHITECTURE.md, rule 1).' }],
          patterns: [{ group: ['electron/*'], message: 'Only the edge files may import electron.' }]
        }
      ]
    }
  },
  { files: ELECTRON_EDGE_FILES, rules: { 'no-restricted-imports': 'off' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.api.' }],
          patterns: [{ group: ['node:*', '**/main/**'], message: 'The renderer has no Node and no access to main-process code.' }]
        }
      ]
    }
  }
)
