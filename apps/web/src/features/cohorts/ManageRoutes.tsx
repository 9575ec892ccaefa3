import { Route, Routes } from 'react-router';
import { AuditPage } from '../audit/components/AuditPage';
import { NotFoundPage } from '../shell/components/NotFoundPage';
import { CertificateAdminPage } from '../staff-certificates/components/CertificateAdminPage';
import { CohortLayout } from './components/CohortLayout';
import { CohortsPage } from './components/CohortsPage';
import { OrganizationsPage } from './components/OrganizationsPage';

/** The managers' section (cohorts, dashboard, certificates, audit log): a lazily loaded chunk. */
export default function ManageRoutes() {
  return (
    <Routes>
      <Route index element={<OrganizationsPage />} />
      <Route path="organizations/:orgId" element={<CohortsPage />} />
      <Route path="organizations/:orgId/cohorts/:cohortId/*" element={<CohortLayout />} />
      <Route path="organizations/:orgId/certificates" element={<CertificateAdminPage />} />
      <Route path="organizations/:orgId/audit" element={<AuditPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
