import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/NotFoundPage';
import { CourseBuilderPage } from './components/CourseBuilderPage';
import { CourseCreatePage } from './components/CourseCreatePage';
import { CourseListPage } from './components/CourseListPage';
import { LearnerPreviewPage } from './components/LearnerPreviewPage';
import { EditionEditorPage } from './components/EditionEditorPage';
import { LessonEditorPage } from './components/LessonEditorPage';
import { QuizEditorPage } from './components/QuizEditorPage';
import { QuestionBankPage } from './components/QuestionBankPage';

/** The course builder (authors): a lazily loaded chunk. */
export default function AuthorRoutes() {
  return (
    <Routes>
      <Route index element={<CourseListPage />} />
      <Route path="courses/new" element={<CourseCreatePage />} />
      <Route path="courses/:courseId" element={<CourseBuilderPage />} />
      <Route path="courses/:courseId/preview" element={<LearnerPreviewPage />} />
      <Route path="courses/:courseId/lessons/new" element={<LessonEditorPage />} />
      <Route path="courses/:courseId/lessons/:lessonId" element={<LessonEditorPage />} />
      <Route path="courses/:courseId/quizzes/new" element={<QuizEditorPage />} />
      <Route path="courses/:courseId/quizzes/:quizId" element={<QuizEditorPage />} />
      <Route path="courses/:courseId/question-bank" element={<QuestionBankPage />} />
      <Route path="courses/:courseId/editions/:locale" element={<EditionEditorPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
