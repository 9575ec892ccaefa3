import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { AuditPage } from '../features/audit/components/AuditPage';
import { BrandingPage } from '../features/branding/components/BrandingPage';
import { CohortLayout } from '../features/cohorts/components/CohortLayout';
import { CohortsPage } from '../features/cohorts/components/CohortsPage';
import { OrganizationsPage } from '../features/cohorts/components/OrganizationsPage';
import { ImpactTab } from '../features/impact/components/ImpactTab';
import { CertificateAdminPage } from '../features/staff-certificates/components/CertificateAdminPage';
import { SsoSettingsPage } from '../features/sso-settings/components/SsoSettingsPage';

/**
 * The managers' section (cohorts, dashboard, certificates, audit log): a lazily loaded chunk.
 * It composes four features (cohorts, impact, staff-certificates, audit), so it lives here at the
 * composition root: features never import each other (eslint.config.js), they are put together here.
 */
export default function ManageRoutes() {
  return (
    <Routes>
      <Route index element={<OrganizationsPage />} />
      <Route path="organizations/:orgId" element={<CohortsPage />} />
      <Route path="organizations/:orgId/cohorts/:cohortId/*" element={<CohortLayout impactTab={<ImpactTab />} />} />
      <Route path="organizations/:orgId/certificates" element={<CertificateAdminPage />} />
      <Route path="organizations/:orgId/audit" element={<AuditPage />} />
      <Route path="organizations/:orgId/sso" element={<SsoSettingsPage />} />
      <Route path="organizations/:orgId/branding" element={<BrandingPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
