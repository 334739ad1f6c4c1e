import { ShownOnceSecret } from '../../components/ShownOnceSecret';

/** A notifier's signing secret, just generated; receivers verify `webhook-signature` with it. */
export function SecretNotice(props: { name: string; secret: string; onDone: () => void }) {
  return (
    <ShownOnceSecret
      region={`New notifier ${props.name}`}
      title={`Notifier “${props.name}” created`}
      warning="Copy the signing secret now: it will not be shown again. The receiver uses it to check that notifications come from Eventscope."
      field="Signing secret"
      secret={props.secret}
      onDone={props.onDone}
    />
  );
}
