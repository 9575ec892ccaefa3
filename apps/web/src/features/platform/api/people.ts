import { operations, request } from '../../../api';
import type { PlatformRole } from '../../../api';

export const PEOPLE_PAGE_SIZE = 25;

export const peopleKeys = {
  search: (q: string, page: number) => ['people', 'search', q, page] as const,
  person: (id: string) => ['people', 'person', id] as const,
};

export const searchPeople = (q: string, page: number) =>
  request(operations.searchPeople, { query: { ...(q ? { q } : {}), page, pageSize: PEOPLE_PAGE_SIZE } });
export const fetchPerson = (id: string) => request(operations.getPerson, { params: { id } });
export const erasePerson = (id: string) => request(operations.erasePerson, { params: { id } });
export const savePlatformRoles = (id: string, roles: PlatformRole[]) => request(operations.setPlatformRoles, { params: { id }, body: { roles } });
export const removeMember = (orgId: string, userId: string) => request(operations.removeMember, { params: { orgId, userId } });
export const reinviteMember = (orgId: string, userId: string) => request(operations.reinviteMember, { params: { orgId, userId } });
