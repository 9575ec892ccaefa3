import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { queryClient } from './app/queryClient';
import { router } from './app/router';
import { initI18n } from './i18n';
// Style sheets, in cascade order: tokens first, then base, layout, forms and shared components,
// then the per-feature files (see styles/tokens.css). One bundle, as before the split.
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/components.css';
import './styles/features/auth.css';
import './styles/features/player.css';
import './styles/features/assessment.css';
import './styles/features/certificates.css';
import './styles/features/cohorts.css';
import './styles/features/audit.css';
import './styles/features/authoring.css';
import './styles/features/authoring2.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
});
