import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import type { Me, Membership } from '../api';
import { applyLocale, forgetLocaleChoice, isLocale } from '../i18n';
import { safeNext } from './safeNext';
import { fetchMe, meQueryKey, signOut } from '../api/auth';

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export interface Roles {
  isAdmin: boolean;
  isAuthor: boolean;
  /** Manager of at least one organisation, or platform admin (who may manage every one). */
  isManager: boolean;
  managed: Membership[];
}

export function rolesOf(me: Me | null | undefined): Roles {
  const isAdmin = me?.platformRoles.includes('admin') ?? false;
  const managed = me?.memberships.filter((m) => m.role === 'manager') ?? [];
  return {
    isAdmin,
    isAuthor: me?.platformRoles.includes('author') ?? false,
    isManager: isAdmin || managed.length > 0,
    managed,
  };
}

export type Section = 'author' | 'manager' | 'admin';

export function hasSection(roles: Roles, section: Section): boolean {
  if (section === 'author') return roles.isAuthor;
  if (section === 'manager') return roles.isManager;
  return roles.isAdmin;
}

/**
 * After any successful sign-in: load the user, take their language (the sign-in carried the
 * language picked on the sign-in page, which the account now holds), go where they meant to.
 */
export function useFinishSignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (next: string | null | undefined) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      const me = await queryClient.query({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 0 });
      forgetLocaleChoice();
      if (me && isLocale(me.locale)) await applyLocale(me.locale);
      await navigate(safeNext(next), { replace: true });
    },
    [queryClient, navigate],
  );
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await signOut();
    } finally {
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      forgetLocaleChoice();
      await navigate('/sign-in', { replace: true });
    }
  }, [queryClient, navigate]);
}
