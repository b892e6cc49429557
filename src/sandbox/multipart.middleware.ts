import express, { type RequestHandler } from 'express';
import { SandboxError } from './sandbox.errors';

/** A file uploaded in a multipart form (LAPOR! follow-ups carry `attachment[i]`). */
export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/**
 * LAPOR! accepts follow-ups as multipart/form-data. The raw body is decoded with the platform's own
 * multipart parser (undici's Response.formData), so no extra dependency is needed: text parts become
 * `req.body` fields and files go to `res.locals.files`.
 */
export function multipartBody(limit: string): RequestHandler[] {
  const decode: RequestHandler = async (req, res, next) => {
    if (!req.is('multipart/form-data') || !Buffer.isBuffer(req.body)) return next();
    let form: FormData;
    try {
      const headers = { 'content-type': req.get('content-type') ?? '' };
      form = await new Response(new Uint8Array(req.body), { headers }).formData();
    } catch {
      throw new SandboxError(400, 'Body multipart/form-data tidak dapat dibaca');
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') fields[field] = value;
      else
        files.push({
          field,
          name: value.name,
          type: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        });
    }
    req.body = fields;
    res.locals.files = files;
    next();
  };
  return [express.raw({ type: 'multipart/form-data', limit }), decode];
}

export function uploadedFiles(locals: Record<string, unknown>): UploadedFile[] {
  return Array.isArray(locals.files) ? (locals.files as UploadedFile[]) : [];
}
