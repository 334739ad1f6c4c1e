import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { toApiError } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { RoleGate } from '../../components/RoleGate';
import { PageSkeleton } from '../../components/Skeleton';
import { useAlertRule, useSaveRule } from '../../hooks/useAlertRules';
import { globalSearch } from '../../hooks/useGlobalParams';
import { apiFieldErrors } from './fieldErrors';
import { RuleForm } from './RuleForm';
import { draftFromRule, NEW_RULE, type RuleDraft } from './ruleForm';

function Editor({ id, initial }: { id?: string; initial: RuleDraft }) {
  const save = useSaveRule();
  const navigate = useNavigate();
  const search = globalSearch(useLocation().search);
  const back = () => void navigate(`/alerts/rules${search}`);
  const fieldErrors = save.isError ? apiFieldErrors(save.error) : {};
  const failure =
    save.isError && Object.keys(fieldErrors).length === 0 ? toApiError(save.error).message : null;
  return (
    <RuleForm
      initial={initial}
      submitLabel={save.isPending ? 'Saving…' : id ? 'Save rule' : 'Create rule'}
      busy={save.isPending}
      serverErrors={fieldErrors}
      failure={failure}
      onCancel={back}
      onSubmit={(input) => save.mutate({ id, input }, { onSuccess: back })}
    />
  );
}

function ExistingRule({ id }: { id: string }) {
  const rule = useAlertRule(id);
  const search = globalSearch(useLocation().search);
  if (rule.isPending) return <PageSkeleton />;
  if (rule.isError) {
    return toApiError(rule.error).status === 404 ? (
      <EmptyState title="No such rule">
        It may have been deleted. <Link to={`/alerts/rules${search}`}>See every rule</Link>.
      </EmptyState>
    ) : (
      <ErrorState
        title="Cannot load this rule"
        error={rule.error}
        onRetry={() => void rule.refetch()}
      />
    );
  }
  // Refetches (rule health moves with every evaluation) never reset what is being typed.
  return <Editor key={id} id={id} initial={draftFromRule(rule.data)} />;
}

/** `/alerts/rules/new` and `/alerts/rules/:id`: the rule editor, for admins. */
export function RuleEditPage() {
  const { id } = useParams();
  const isNew = id === undefined || id === 'new';
  return (
    <>
      <h2 className="section-title">{isNew ? 'New alert rule' : 'Edit alert rule'}</h2>
      <RoleGate role="admin" what="Editing alert rules">
        {isNew ? <Editor initial={NEW_RULE} /> : <ExistingRule id={id} />}
      </RoleGate>
    </>
  );
}
