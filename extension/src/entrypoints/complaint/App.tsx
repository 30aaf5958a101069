import { ExtensionPageShell } from '@/components/ExtensionPageShell';
import { ComplaintBuilder } from '@/components/complaint/ComplaintBuilder';

export function App() {
  return (
    <ExtensionPageShell titleKey="complaint.title" className="complaint-page">
      <ComplaintBuilder />
    </ExtensionPageShell>
  );
}
