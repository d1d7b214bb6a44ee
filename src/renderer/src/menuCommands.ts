// The application menu's commands (main's menu, one 'menu:command' push event) acted on in the page: the same
// stores and screens the buttons use. Started with the workspace, so commands arrive only once the app is set up.
import type { MenuCommand } from '../../shared/ipc'
import { subscribe } from './api'
import { showBrowseToggled } from './shortcuts'
import { useAdd } from './stores/add'
import { useApp } from './stores/app'
import { useUi } from './stores/ui'

/** The add box's text area, focused after the tasks view has rendered. */
function focusAddBox(): void {
  window.setTimeout(() => document.querySelector<HTMLTextAreaElement>('textarea.add-input')?.focus(), 0)
}

export function runMenuCommand(c: MenuCommand): void {
  const app = useApp.getState()
  switch (c.command) {
    case 'addTasks':
      app.setView('tasks')
      focusAddBox()
      return
    case 'import':
      app.setView('tasks')
      void useAdd.getState().submit(c.text, 'file', c.fileName)
      return
    case 'export':
      app.setView('tasks')
      useUi.getState().setExportOpen(true)
      return
    case 'settings':
      app.setView('settings')
      return
    case 'toggleGallery':
      showBrowseToggled()
      return
  }
}

/** Subscribes to the menu's commands; returns the unsubscribe function. */
export function startMenuCommands(): () => void {
  return subscribe('menu:command', runMenuCommand)
}
