// Teacher assignment screens: the assignments feature composed with the players (features never import each other).
import { useNavigate, useParams } from '@tanstack/react-router';

import { AssignmentEditor } from '@/features/assignments/components/assignment-editor';
import { AssignmentList } from '@/features/assignments/components/assignment-list';
import { AssignmentResults } from '@/features/assignments/components/assignment-results';
import { AssignmentWizard } from '@/features/assignments/components/assignment-wizard';
import type { RenderActivityAnswers } from '@/features/assignments/components/student-answers';
import { ActivityPlayer } from '@/shared/players';

export function AssignmentListPage() {
  return <AssignmentList />;
}

export function NewAssignmentPage() {
  const navigate = useNavigate();
  return (
    <AssignmentWizard
      onCreated={(assignment) =>
        void navigate({ to: '/teacher/assignments/$assignmentId', params: { assignmentId: assignment.id } })
      }
    />
  );
}

export function EditAssignmentPage() {
  const navigate = useNavigate();
  const { assignmentId = '' } = useParams({ strict: false });
  return (
    <AssignmentEditor
      assignmentId={assignmentId}
      onSaved={(assignment) =>
        void navigate({ to: '/teacher/assignments/$assignmentId', params: { assignmentId: assignment.id } })
      }
    />
  );
}

/** `./books/<BOOK>/a.png` or `a.png` -> its pre-signed URL; the server already put URLs into the config. */
function assetUrlFrom(assets: Record<string, string>) {
  return (path: string) =>
    assets[path] ?? assets[path.trim().replace(/^\.\//, '').replace(/^books\/[^/]+\//, '')] ?? path;
}

const renderAnswers: RenderActivityAnswers = ({ activity, answers, studentId, counted }) => {
  const audio = activity.config.audio_path;
  return (
    <ActivityPlayer
      key={`${studentId}:${activity.id}:${counted ? 'counted' : 'not-counted'}`}
      activity={{
        id: activity.id,
        type: activity.activity_type,
        config: activity.config,
        audioPath: typeof audio === 'string' ? audio : null,
      }}
      assetUrl={assetUrlFrom(activity.assets)}
      initialAnswers={answers}
      showResults={counted}
      readOnly
      allowShowAnswers
    />
  );
};

export function AssignmentResultsPage() {
  const { assignmentId = '' } = useParams({ strict: false });
  return <AssignmentResults assignmentId={assignmentId} renderAnswers={renderAnswers} />;
}
