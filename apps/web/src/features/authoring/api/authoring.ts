import { operations, request } from '../../../api';
import type { CourseBody, LessonBody, QuestionBankBody, QuizBody } from '../../../api';

export const authoringKeys = {
  courses: ['courses'] as const,
  course: (id: string) => ['course', id] as const,
  versions: (id: string) => ['course', id, 'versions'] as const,
  instruments: ['instruments'] as const,
  lesson: (id: string) => ['lesson', id] as const,
  currentLesson: (id: string) => ['lesson', id, 'current'] as const,
  quiz: (id: string) => ['author-quiz', id] as const,
  editions: (id: string) => ['course', id, 'editions'] as const,
  bank: (id: string) => ['course', id, 'question-bank'] as const,
};

export const fetchQuestionBank = (id: string) => request(operations.questionBank, { params: { id } });
export const replaceQuestionBank = (id: string, body: QuestionBankBody) => request(operations.replaceQuestionBank, { params: { id }, body });

/** The course's language editions and what each lacks (the draft, else the published version). */
export const fetchEditions = (id: string) => request(operations.courseEditions, { params: { id } });

/** Up to 100 courses, by title (the catalogue is paged). */
export const fetchCourses = () => request(operations.listCourses, { query: { pageSize: 100 } });
/** The draft being edited (or the published version when there is no draft): its ids are the ones to edit. */
export const fetchCourse = (id: string) => request(operations.getCourse, { params: { id }, query: { version: 'draft' } });
export const fetchVersions = (id: string) => request(operations.courseVersions, { params: { id } });
export const fetchInstruments = () => request(operations.listInstruments);
export const fetchLesson = (id: string) => request(operations.getLesson, { params: { id } });
/** The lesson being edited now, from an id of any version of it (editor URLs stay stable across saves and versions). */
export const fetchCurrentLesson = (id: string) => request(operations.currentLesson, { params: { id } });

export const createCourse = (body: CourseBody) => request(operations.createCourse, { body });
export const updateCourse = (id: string, body: Partial<CourseBody>) =>
  request(operations.updateCourse, { params: { id }, body });
export const publishCourse = (id: string) => request(operations.publishCourse, { params: { id } });
export const archiveCourse = (id: string) => request(operations.archiveCourse, { params: { id } });
/** `null` detaches (the API refuses a bare JSON null: the object form is the documented one). */
export const attachInstrument = (id: string, instrumentId: string | null) =>
  request(operations.attachSelfAssessment, { params: { id }, body: { instrumentId } });

export const createModule = (courseId: string, title: string) =>
  request(operations.createModule, { params: { id: courseId }, body: { title } });
export const renameModule = (id: string, title: string) => request(operations.updateModule, { params: { id }, body: { title } });
export const orderModules = (courseId: string, moduleIds: string[]) =>
  request(operations.orderModules, { params: { id: courseId }, body: { moduleIds } });

export const createLesson = (moduleId: string, body: LessonBody) =>
  request(operations.createLesson, { params: { id: moduleId }, body });
export const updateLesson = (id: string, body: Partial<LessonBody>) =>
  request(operations.updateLesson, { params: { id }, body });
export const orderLessons = (moduleId: string, lessonIds: string[]) =>
  request(operations.orderLessons, { params: { id: moduleId }, body: { lessonIds } });

export const createQuiz = (moduleId: string, body: QuizBody) =>
  request(operations.createQuiz, { params: { id: moduleId }, body });
export const fetchQuiz = (id: string) => request(operations.getQuiz, { params: { id } });
export const updateQuiz = (id: string, body: QuizBody) => request(operations.updateQuiz, { params: { id }, body });

export const deleteCourse = (id: string) => request(operations.deleteCourse, { params: { id } });
export const deleteModule = (id: string) => request(operations.deleteModule, { params: { id } });
export const deleteLesson = (id: string) => request(operations.deleteLesson, { params: { id } });
export const deleteQuiz = (id: string) => request(operations.deleteQuiz, { params: { id } });
/** Deletes in the open draft that can still be undone, newest first. */
export const fetchDeletions = (courseId: string) => request(operations.courseDeletions, { params: { id: courseId } });
export const restoreDeletion = (courseId: string, deletionId: string) =>
  request(operations.restoreDeletion, { params: { id: courseId, deletionId } });
/** Uploads an image or PDF for the course's lessons; answers its URL and a Markdown snippet. */
export const uploadMedia = (courseId: string, file: File) => request(operations.uploadMedia, { params: { id: courseId }, body: file });
/** The lesson body as learners will get it (the server's renderer), without saving. */
export const previewLesson = (courseId: string, body: string) => request(operations.previewLesson, { params: { id: courseId }, body: { body } });
export const deletionsKey = (courseId: string) => ['course', courseId, 'deletions'] as const;
