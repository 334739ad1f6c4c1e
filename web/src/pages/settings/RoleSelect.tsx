import { RoleSchema, type Role } from '@eventscope/shared';

/** What each role adds, in the words of the role model (shared/src/auth.ts). */
const ROLE_HINTS: Record<Role, string> = {
  viewer: 'viewer — reads',
  operator: 'operator — also replays, discards, silences',
  admin: 'admin — also rules, notifiers, tokens, users',
};

export function RoleSelect({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  return (
    <label className="form-field">
      <span>Role</span>
      <select
        name="role"
        value={value}
        onChange={(e) => onChange(RoleSchema.parse(e.target.value))}
      >
        {RoleSchema.options.map((r) => (
          <option key={r} value={r}>
            {ROLE_HINTS[r]}
          </option>
        ))}
      </select>
    </label>
  );
}
