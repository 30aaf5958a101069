import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '@/lib/background-services';

// Thin by design: WXT imports this file at build time, so all work happens in main().
export default defineBackground(() => {
  startBackground();
});
