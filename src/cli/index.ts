// aidge-tasks: the headless entry on the same services as the app (filled in by the tracking issue).
console.log('aidge-tasks: not yet implemented')
