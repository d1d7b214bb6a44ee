// The main window's smallest size: window.ts gives it to BrowserWindow (minWidth/minHeight), and the layout test
// (test/ui/layout.spec.ts) checks at it that no button clips and nothing overflows, in every language.
export const MIN_WINDOW_SIZE = { width: 760, height: 480 } as const
