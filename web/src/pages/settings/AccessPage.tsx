import { RoleGate } from '../../components/RoleGate';
import { TokensSection } from './TokensSection';
import { UsersSection } from './UsersSection';

export default function AccessPage() {
  return (
    <>
      <h1 className="page-title">Settings · Access</h1>
      <RoleGate role="admin" what="Managing tokens and users">
        <TokensSection />
        <UsersSection />
      </RoleGate>
    </>
  );
}
