// The words main shows itself, outside the window: the application menu, native dialogs and notifications, in the
// window's language (src/shared/languages.ts picks it). The window's own words live in src/renderer/src/i18n; these
// few are here because main draws them. A language missing a word fails the typecheck (NativeWords is complete).
import type { UiLanguage } from '../shared/languages'

export interface NativeWords {
  menu: {
    settingsMac: string
    settings: string
    file: string
    edit: string
    view: string
    window: string
    help: string
    addTasks: string
    importIds: string
    exportHistory: string
    listOrGallery: string
    vendorDocs: string
    vendorConsole: string
    reportIssue: string
  }
  dialogs: {
    importTitle: string
    idLists: string
    allFiles: string
    importTooLarge: (file: string, mb: number) => string
    importUnreadable: (why: string) => string
    photosFolderTitle: string
    photosTitle: string
    photos: string
    endpointTitle: string
    endpointMessage: (host: string) => string
    endpointDetail: (url: string) => string
    endpointKeep: string
    endpointUse: (host: string) => string
  }
  notify: {
    taskFinished: string
    taskFailed: string
    tasksEnded: string
    finished: (n: number) => string
    failed: (n: number) => string
    downloadsDone: string
    downloadsFailed: string
    downloadBody: (saved: number, failed: number, folder: string) => string
  }
}

const en: NativeWords = {
  menu: {
    settingsMac: 'Settings…',
    settings: 'Settings',
    file: '&File',
    edit: '&Edit',
    view: '&View',
    window: '&Window',
    help: '&Help',
    addTasks: 'Add Tasks…',
    importIds: 'Import Task IDs…',
    exportHistory: 'Export History…',
    listOrGallery: 'List or Gallery',
    vendorDocs: 'Aidge API Documentation',
    vendorConsole: 'Aidge Console',
    reportIssue: 'Report an Issue…'
  },
  dialogs: {
    importTitle: 'Import task IDs',
    idLists: 'Task ID lists',
    allFiles: 'All files',
    importTooLarge: (file, mb) => `${file} is too large to import (${mb} MB; at most 2 MB). Split it into smaller files.`,
    importUnreadable: (why) => `The file could not be read: ${why}`,
    photosFolderTitle: 'Choose a folder of garment photos',
    photosTitle: 'Choose garment photos',
    photos: 'Photos',
    endpointTitle: 'Change the API server',
    endpointMessage: (host) => `Send your signed Aidge requests to ${host}?`,
    endpointDetail: (url) =>
      `From now on every request would go to ${url}. Each one carries a signature made with your secret that ` +
      'the receiver could reuse to call Aidge as you, paid calls included, for a few minutes. Choose this only if you ' +
      'typed this address yourself and trust that server.',
    endpointKeep: 'Keep the current server',
    endpointUse: (host) => `Use ${host}`
  },
  notify: {
    taskFinished: 'Task finished',
    taskFailed: 'Task failed',
    tasksEnded: 'Tasks ended',
    finished: (n) => `${n} finished`,
    failed: (n) => `${n} failed`,
    downloadsDone: 'Download finished',
    downloadsFailed: 'Download finished with failures',
    downloadBody: (saved, failed, folder) => `${saved} saved${failed ? `, ${failed} failed` : ''} to ${folder}`
  }
}

const zhCN: NativeWords = {
  menu: {
    settingsMac: '设置…',
    settings: '设置',
    file: '文件(&F)',
    edit: '编辑(&E)',
    view: '视图(&V)',
    window: '窗口(&W)',
    help: '帮助(&H)',
    addTasks: '添加任务…',
    importIds: '导入任务 ID…',
    exportHistory: '导出历史…',
    listOrGallery: '列表或图库',
    vendorDocs: 'Aidge API 文档',
    vendorConsole: 'Aidge 控制台',
    reportIssue: '报告问题…'
  },
  dialogs: {
    importTitle: '导入任务 ID',
    idLists: '任务 ID 列表',
    allFiles: '所有文件',
    importTooLarge: (file, mb) => `${file} 太大，无法导入（${mb} MB，上限 2 MB）。请拆分成较小的文件。`,
    importUnreadable: (why) => `无法读取该文件：${why}`,
    photosFolderTitle: '选择服装照片所在的文件夹',
    photosTitle: '选择服装照片',
    photos: '照片',
    endpointTitle: '更换 API 服务器',
    endpointMessage: (host) => `将已签名的 Aidge 请求发送到 ${host}？`,
    endpointDetail: (url) =>
      `此后每个请求都会发送到 ${url}。每个请求都带有用你的密钥生成的签名，接收方可在几分钟内重复使用它，以你的身份调用 Aidge（包括付费调用）。` +
      '只有当这个地址是你亲自输入并且信任该服务器时，才选择此项。',
    endpointKeep: '保留当前服务器',
    endpointUse: (host) => `使用 ${host}`
  },
  notify: {
    taskFinished: '任务已完成',
    taskFailed: '任务失败',
    tasksEnded: '任务已结束',
    finished: (n) => `${n} 个已完成`,
    failed: (n) => `${n} 个失败`,
    downloadsDone: '下载完成',
    downloadsFailed: '下载完成（有失败项）',
    downloadBody: (saved, failed, folder) => `已保存 ${saved} 个${failed ? `，${failed} 个失败` : ''}，位于 ${folder}`
  }
}

const WORDS: Record<UiLanguage, NativeWords> = { en, 'zh-CN': zhCN }

export function nativeWords(language: UiLanguage): NativeWords {
  return WORDS[language]
}
