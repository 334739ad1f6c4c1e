import type { GroupMember } from '@eventscope/shared';

function assignmentText(member: GroupMember): string {
  return member.assignments.map((a) => `${a.topic}: ${a.partitions.join(', ')}`).join(' · ');
}

export function MembersTable({ members }: { members: GroupMember[] }) {
  return (
    <table className="table" aria-label="Members">
      <thead>
        <tr>
          <th scope="col">Client id</th>
          <th scope="col">Host</th>
          <th scope="col">Assignments</th>
          <th scope="col">Member id</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.memberId}>
            <td className="mono">{m.clientId}</td>
            <td className="mono">{m.host}</td>
            <td className="mono cell-wrap">
              {m.assignments.length > 0 ? assignmentText(m) : <span className="muted">none</span>}
            </td>
            <td className="mono muted cell-clip" title={m.memberId}>
              {m.memberId}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
