import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const version = window.tessera?.version;
  return (
    <main>
      <h1>Tessera</h1>
      {version && <p>Version {version}</p>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
