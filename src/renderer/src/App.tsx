export function App(): React.JSX.Element {
  return (
    <main className="app">
      <h1 className="app-title">Aidge Task Desk</h1>
      <p className="app-tagline">Track Virtual Model Alternation tasks, browse their results, download them in batches.</p>
    </main>
  )
}
