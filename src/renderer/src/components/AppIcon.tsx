// The app's icon, inline: the drawing of public/icon.svg (the window's and the packaged app's icon), taken as text at
// build time. As <img src="./icon.svg">, Chromium built an isolated SVG document for each image at every start
// (12-28 ms of the main thread each in a trace of the list's first paint, one of them between the first row's
// render and its paint).
import icon from '../../public/icon.svg?raw'

export function AppIcon({ size, className }: { size: number; className?: string }): React.JSX.Element {
  return <span className={`app-icon${className ? ` ${className}` : ''}`} style={{ width: size, height: size }} aria-hidden="true" dangerouslySetInnerHTML={{ __html: icon }} />
}
