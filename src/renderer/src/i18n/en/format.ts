// Words inside formatted values (src/renderer/src/format.ts); numbers, dates and units come from Intl.
export default {
  yesterdayAt: 'Yesterday {{time}}',
  templateEmpty: 'The template is empty.',
  templateUnknown: 'Unknown variable {{variable}}. Known: {{known}}'
} as const
