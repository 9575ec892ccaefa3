import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth, RequireSection } from '../features/auth/components/RequireAuth';
import { CertificatesPage } from '../features/certificates/components/CertificatesPage';
import { LearnerHome } from '../features/home/components/LearnerHome';
import { HomeRoute } from './HomeRoute';
import { LessonView } from '../features/player/components/LessonView';
import { PlayerLayout } from '../features/player/components/PlayerLayout';
import { PlayerStart } from '../features/player/components/PlayerStart';
import { QuizView } from '../features/quiz/components/QuizView';
import { SelfAssessmentView } from '../features/self-assessment/components/SelfAssessmentView';
import { Layout } from '../features/shell/components/Layout';
import { NotFoundPage } from '../components/NotFoundPage';
import { RouteError } from '../features/shell/components/RouteError';
import { VerifyLookupPage } from '../features/verify/components/VerifyLookupPage';
import { VerifyPage } from '../features/verify/components/VerifyPage';

// Sign-in pages carry the form libraries (react-hook-form, zod): a chunk of their own.
const authPages = () => import('../features/auth/AuthPages');
const SignInPage = lazy(() => authPages().then((m) => ({ default: m.SignInPage })));
const PupilSignInPage = lazy(() => authPages().then((m) => ({ default: m.PupilSignInPage })));
const InvitationPage = lazy(() => authPages().then((m) => ({ default: m.InvitationPage })));
const ResetRequestPage = lazy(() => authPages().then((m) => ({ default: m.ResetRequestPage })));
const ResetPasswordPage = lazy(() => authPages().then((m) => ({ default: m.ResetPasswordPage })));
const VerifyEmailPage = lazy(() => authPages().then((m) => ({ default: m.VerifyEmailPage })));

// Staff, author and admin sections are separate chunks: the learner never downloads them.
const AuthorRoutes = lazy(() => import('../features/authoring/AuthorRoutes'));
const ManageRoutes = lazy(() => import('./ManageRoutes'));
const PlatformRoutes = lazy(() => import('../features/platform/PlatformRoutes'));

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'pupil-sign-in', element: <PupilSignInPage /> },
      { path: 'invitations/:token', element: <InvitationPage /> },
      { path: 'reset-password', element: <ResetRequestPage /> },
      { path: 'reset-password/:token', element: <ResetPasswordPage /> },
      { path: 'verify-email/:token', element: <VerifyEmailPage /> },
      { path: 'verify', element: <VerifyLookupPage /> },
      { path: 'verify/:code', element: <VerifyPage /> },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRoute /> },
          { path: 'my-learning', element: <LearnerHome /> },
          { path: 'certificates', element: <CertificatesPage /> },
          {
            path: 'learn/:enrolmentId',
            element: <PlayerLayout />,
            children: [
              { index: true, element: <PlayerStart /> },
              { path: 'lessons/:lessonId', element: <LessonView /> },
              { path: 'quizzes/:quizId', element: <QuizView /> },
              { path: 'self-assessment/:phase', element: <SelfAssessmentView /> },
            ],
          },
          {
            path: 'author/*',
            element: (
              <RequireSection section="author">
                <AuthorRoutes />
              </RequireSection>
            ),
          },
          {
            path: 'manage/*',
            element: (
              <RequireSection section="manager">
                <ManageRoutes />
              </RequireSection>
            ),
          },
          {
            path: 'platform/*',
            element: (
              <RequireSection section="admin">
                <PlatformRoutes />
              </RequireSection>
            ),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
