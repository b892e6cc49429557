import type { Request } from 'express';
import { z } from 'zod';
import { SandboxError } from './sandbox.errors';

/** LAPOR! list paging: 1-based `page`, `page_size` (default 100, capped), `next_page_url` null at the end. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

const positiveInt = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .refine((n) => n >= 1);

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  data: T[];
  current_page: number;
  per_page: number;
  total: number;
  last_page: number;
  next_page_url: string | null;
  prev_page_url: string | null;
}

export function queryValue(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new SandboxError(400, `Parameter ${name} harus satu nilai`);
  return value;
}

export function pageRequest(req: Request): PageRequest {
  const parse = (name: string, fallback: number): number => {
    const raw = queryValue(req, name);
    if (raw === undefined || raw === '') return fallback;
    const parsed = positiveInt.safeParse(raw);
    if (!parsed.success) throw new SandboxError(400, `Parameter ${name} harus bilangan bulat positif`);
    return parsed.data;
  };
  return { page: parse('page', 1), pageSize: Math.min(parse('page_size', DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE) };
}

/** Absolute URL of the same request with another page number, as Laravel's paginator writes it. */
function pageUrl(req: Request, page: number): string {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  url.searchParams.set('page', String(page));
  return url.toString();
}

export function paginate<S, T>(req: Request, items: S[], map: (item: S) => T): Page<T> {
  const { page, pageSize } = pageRequest(req);
  const lastPage = Math.max(1, Math.ceil(items.length / pageSize));
  const start = (page - 1) * pageSize;
  return {
    data: items.slice(start, start + pageSize).map(map),
    current_page: page,
    per_page: pageSize,
    total: items.length,
    last_page: lastPage,
    next_page_url: page < lastPage ? pageUrl(req, page + 1) : null,
    prev_page_url: page > 1 ? pageUrl(req, Math.min(page - 1, lastPage)) : null,
  };
}
