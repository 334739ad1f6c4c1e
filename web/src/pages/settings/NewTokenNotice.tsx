import { ShownOnceSecret } from '../../components/ShownOnceSecret';

/** The secret of a token just created, shown once. */
export function NewTokenNotice(props: { name: string; secret: string; onDone: () => void }) {
  return (
    <ShownOnceSecret
      region={`New token ${props.name}`}
      title={`Token “${props.name}” created`}
      warning="Copy it now: it will not be shown again. Anyone holding it can act with its role."
      field="Token secret"
      secret={props.secret}
      onDone={props.onDone}
    />
  );
}
