import type { Alert } from '@eventscope/shared';
import { useState } from 'react';
import { toApiError } from '../../api/errors';
import { FormField } from '../../components/FormField';
import { alertName, useAcknowledgeAlert } from '../../hooks/useAlerts';
import { FormDialog } from './FormDialog';

/** "I am on it": the alert stays firing and notifying, but everyone sees who took it. */
export function AckDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const ack = useAcknowledgeAlert();
  const [comment, setComment] = useState('');
  const name = alertName(alert);
  return (
    <FormDialog
      title={`Acknowledge ${name}`}
      submitLabel={ack.isPending ? 'Acknowledging…' : 'Acknowledge'}
      busy={ack.isPending}
      error={ack.isError ? toApiError(ack.error).message : null}
      onCancel={onClose}
      onSubmit={() => ack.mutate({ id: alert.id, comment }, { onSuccess: onClose })}
    >
      <p className="muted">
        Notifications keep going until it resolves or is silenced; acknowledging says who is on it.
      </p>
      <FormField id="ack-comment" label="Comment (optional)">
        <textarea
          id="ack-comment"
          rows={3}
          maxLength={1000}
          value={comment}
          placeholder="e.g. looking at the payments consumer, restarting pods"
          onChange={(e) => setComment(e.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
