import { ExtensionPageShell } from '@/components/ExtensionPageShell';
import { RequestsView } from '@/components/requests/RequestsView';

export function App() {
  return (
    <ExtensionPageShell titleKey="requests.title" className="requests-page">
      <RequestsView />
    </ExtensionPageShell>
  );
}
