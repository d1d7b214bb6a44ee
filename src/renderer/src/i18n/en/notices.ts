// What happened at start (a damaged history restored...), from main's codes.
export default {
  label: 'History recovered',
  restored: 'Your history was damaged and has been restored from the backup of {{time}}.',
  restoredTasks: 'Tasks added or changed after that backup are not in it: add their ids again to bring them back.',
  restoredSubmits: 'Photos submitted after that backup are not in its record of submits either: check them before submitting again.',
  keptDamaged: 'The damaged file was kept, not deleted: {{file}}',
  restoredFrom: 'Restored from: {{file}}',
  whatWasWrong: 'What was wrong: {{problem}}',
  fresh: 'Your history was damaged and no backup could replace it, so a new, empty history was started.',
  walTitle: 'Part of your history’s recent changes could not be read and was set aside.',
  walIntact: 'The history itself is intact; its last changes before the damage may be missing.',
  walKept: 'The unreadable part was kept: {{file}}',
  gotIt: 'Got it'
} as const
