import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api';
import { LessonContent } from '../../../components/LessonContent';
import { errorText } from '../../../components/ErrorMessage';
import { StatusMessage } from '../../../components/StatusMessage';
import { previewLesson, uploadMedia } from '../api/authoring';

const ACCEPT = 'image/png,image/jpeg,image/webp,image/svg+xml,application/pdf';

/** Inserts `snippet` as its own paragraph at the caret (or in place of the selection). */
export function insertSnippet(value: string, start: number, end: number, snippet: string): { value: string; caret: number } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after.startsWith('\n') ? '\n' : '\n\n';
  const inserted = `${lead}${snippet}${trail}`;
  return { value: before + inserted + after, caret: before.length + inserted.length };
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => { setDebounced(value); }, ms);
    return () => { window.clearTimeout(timer); };
  }, [value, ms]);
  return debounced;
}

/**
 * The lesson body: Markdown on the left, on the right the lesson as learners will see it (the
 * server renders the Markdown with the very renderer used on save, and the player's component
 * shows it). Images and PDFs are uploaded from the button, by pasting or by dropping them on
 * the text, and inserted at the caret as Markdown.
 */
export function LessonBodyEditor({
  courseId, lang, title, videoUrl, videoText, body, setBody, registration, error,
}: {
  courseId: string;
  lang: string;
  title: string;
  videoUrl: string;
  videoText?: string;
  body: string;
  setBody: (value: string) => void;
  registration: UseFormRegisterReturn<'body'>;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const picker = useRef<HTMLInputElement | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const debounced = useDebounced(body, 350);
  const preview = useQuery({
    queryKey: ['lesson-preview', courseId, debounced],
    queryFn: () => previewLesson(courseId, debounced),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });

  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setUploadError(null);
    try {
      for (const file of files) {
        setStatus(t('authoring1.media.uploading', { name: file.name }));
        const media = await uploadMedia(courseId, file);
        const el = textarea.current;
        const current = el?.value ?? body;
        const start = el?.selectionStart ?? current.length;
        const end = el?.selectionEnd ?? start;
        const next = insertSnippet(current, start, end, media.markdown);
        setBody(next.value);
        window.requestAnimationFrame(() => {
          textarea.current?.setSelectionRange(next.caret, next.caret);
        });
        setStatus(t('authoring1.media.inserted', { name: media.fileName }));
      }
    } catch (e) {
      setStatus(null);
      setUploadError(isApiError(e) && e.messages.length > 0 ? e.messages.join(' ') : errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(e.clipboardData.files);
    if (files.length === 0) return;
    e.preventDefault();
    void upload(files);
  };
  const onDrop = (e: DragEvent<HTMLTextAreaElement>) => {
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length === 0) return;
    e.preventDefault();
    textarea.current?.focus();
    void upload(files);
  };
  const { ref, ...field } = registration;
  const describedBy = ['lesson-body-hint', error ? 'lesson-body-error' : null, uploadError ? 'lesson-body-upload-error' : null].filter(Boolean).join(' ');

  return (
    <div className="editor-split">
      <div className="editor-pane">
        <div className="field">
          <div className="editor-toolbar">
            <label className="label" htmlFor="lesson-body">
              {t('authoring.lesson.markdown')}
            </label>
            <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => picker.current?.click()}>
              {t('authoring1.media.insert')}
            </button>
            <input
              ref={picker}
              type="file"
              accept={ACCEPT}
              multiple
              hidden
              aria-label={t('authoring1.media.insert')}
              data-testid="media-picker"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                void upload(files);
              }}
            />
          </div>
          <p className="hint" id="lesson-body-hint">
            {t('authoring.lesson.markdownHint')} {t('authoring1.media.hint')}
          </p>
          <textarea
            id="lesson-body"
            className={dragging ? 'editor-text dragging' : 'editor-text'}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            {...field}
            ref={(el) => {
              ref(el);
              textarea.current = el;
            }}
            onPaste={onPaste}
            onDragOver={(e) => {
              if (e.dataTransfer.types.includes('Files')) {
                e.preventDefault();
                setDragging(true);
              }
            }}
            onDragLeave={() => { setDragging(false); }}
            onDrop={onDrop}
          />
          {error ? (
            <p className="field-error" id="lesson-body-error">
              {error}
            </p>
          ) : null}
          {uploadError ? (
            <p className="field-error" id="lesson-body-upload-error" role="alert">
              {uploadError}
            </p>
          ) : null}
          <StatusMessage message={status} />
        </div>
      </div>
      <section className="editor-preview" aria-labelledby="lesson-preview-heading">
        <h2 id="lesson-preview-heading" className="eyebrow">
          {t('authoring1.preview.heading')}
        </h2>
        <article className="lesson preview-surface" aria-busy={preview.isFetching || undefined}>
          <h3 className="preview-title">{title || t('authoring1.preview.untitled')}</h3>
          {preview.data ? <LessonContent title={title} videoUrl={videoUrl || null} videoText={videoText ?? null} bodyHtml={preview.data.bodyHtml} lang={lang} /> : null}
          {preview.isError ? <p className="hint">{errorText(t, preview.error)}</p> : null}
        </article>
      </section>
    </div>
  );
}
