import type { ReactNode } from 'react';
import { EmptyState } from '../components/EmptyState';

/** A page whose capability is not built yet: its title and what will appear, nothing more. */
export function PlaceholderPage(props: { title: string; empty: string; children: ReactNode }) {
  return (
    <>
      <h1 className="page-title">{props.title}</h1>
      <EmptyState title={props.empty}>{props.children}</EmptyState>
    </>
  );
}
